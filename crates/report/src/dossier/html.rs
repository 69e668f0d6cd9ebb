//! The HTML pages: `report.html` (overview, timeline, conflicts, story index), one page per story
//! under `report/stories/`, the entity index `report/entities.html`, and the index data files
//! under `report/data/` that the paged, searchable indexes load.
//!
//! Pages are plain HTML that reads without scripts (the first page of each index is in the
//! page); the scripts add search and paging. Every untrusted value goes through [`escape`].

// Markup is written as whole lines whose last newline reads best inside the string.
#![allow(clippy::write_with_newline)]

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::fs;
use std::path::Path;

use concord_model::{Change, ChangeKind, CopyKind, DocId, Entity, SourceRef, Span, Story, Verdict};
use serde::Serialize;

use super::ASSET_DIR;
use super::escape::{html, push_html, push_outside_link, script_json};
use super::svg;
use super::view::{ENTITIES_PER_STORY, View, format_number, spread};
use crate::ReportError;

/// Rows of an index shown per page.
const PAGE_SIZE: usize = 25;
/// Rows of an index per data file.
const ROWS_PER_PART: usize = 2_000;
/// Conflicts listed on the overview.
const CONFLICTS_SHOWN: usize = 20;
/// Sites listed on the overview.
const SITES_SHOWN: usize = 25;
/// What one story page shows at most, so that no page grows past a few MB whatever a story's
/// size (everything is in `concord.sqlite` and `report.md`): articles, copy groups, claims,
/// shared quotes, MT damage.
const STORY_ARTICLES: usize = 5_000;
const STORY_GROUPS: usize = 200;
const STORY_CLAIMS: usize = 200;
const STORY_QUOTES: usize = 100;
const STORY_DAMAGE: usize = 500;

/// A note that a list was cut, naming where the rest is.
fn cut_note(out: &mut String, shown: usize, total: usize, what: &str, table: &str) {
    if total > shown {
        let _ = writeln!(
            out,
            "<p class=\"muted\">The first {} of {} {what} are shown; all are in concord.sqlite (table {table}) and report.md.</p>",
            format_number(shown as f64),
            format_number(total as f64)
        );
    }
}

/// Where a page sits, which decides the relative links to the report's other files.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Depth {
    /// `report.html`, next to the `report/` folder.
    Top,
    /// A page in `report/` (`entities.html`, `article.html`).
    Assets,
    /// A page in `report/stories/`.
    Story,
}

impl Depth {
    /// The relative path from a page at this depth to the `report/` folder.
    pub(crate) fn prefix(self) -> &'static str {
        match self {
            Depth::Top => "report/",
            Depth::Assets => "",
            Depth::Story => "../",
        }
    }
}

/// The link to a story's page.
pub(crate) fn story_href(depth: Depth, id: &str) -> String {
    format!("{}stories/{id}.html", depth.prefix())
}

/// The link to the article view, with `span` highlighted.
pub(crate) fn article_href(depth: Depth, doc: DocId, span: Option<Span>) -> String {
    match span {
        Some(span) => format!(
            "{}article.html#d={doc}&s={}&e={}",
            depth.prefix(),
            span.start,
            span.end
        ),
        None => format!("{}article.html#d={doc}", depth.prefix()),
    }
}

/// The link to an entity in the entity index.
fn entity_href(depth: Depth, id: &str) -> String {
    format!("{}entities.html#{id}", depth.prefix())
}

/// The head of every page: charset, viewport, the CSP that allows only the report's own
/// scripts and styles, the title, the style sheet and one deferred script.
pub(crate) fn page_head(title: &str, depth: Depth, script: &str) -> String {
    let prefix = depth.prefix();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self'; \
         style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{} — concord</title>\n<link rel=\"stylesheet\" href=\"{prefix}report.css\">\n\
         <script src=\"{prefix}{script}\" defer></script>\n</head>\n",
        html(title)
    )
}

fn nav(depth: Depth) -> String {
    let top = match depth {
        Depth::Top => "report.html",
        Depth::Assets => "../report.html",
        Depth::Story => "../../report.html",
    };
    format!(
        "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n<header><nav aria-label=\"Report\">\
         <a href=\"{top}\">Overview</a><a href=\"{}#stories\">Stories</a><a href=\"{}\">Entities</a></nav></header>\n",
        top,
        entity_href(depth, "").trim_end_matches('#')
    )
}

fn write_file(path: &Path, body: &str) -> Result<(), ReportError> {
    fs::write(path, body).map_err(|source| ReportError::io(path, source))
}

/// Writes every page of the HTML report.
pub(crate) fn write(out: &Path, assets: &Path, view: &View<'_>) -> Result<(), ReportError> {
    write_file(&out.join("report.html"), &overview(view))?;
    // An entity's variant cells are the same on every story page it appears on: built once.
    let mut variant_cells = HashMap::new();
    for (idx, story) in view.corpus.stories.iter().enumerate() {
        let path = assets.join("stories").join(format!("{}.html", story.id));
        write_file(&path, &story_page(view, idx, &mut variant_cells))?;
    }
    write_file(&assets.join("entities.html"), &entity_page(view))?;
    write_index_data(&assets.join("data"), "stories", &story_rows(view))?;
    write_index_data(&assets.join("data"), "entities", &entity_rows(view))?;
    write_doc_links(&assets.join("data"), view)
}

/// What the article view says of a document's groups: its story and its copy groups.
#[derive(Serialize)]
struct DocLinks<'a> {
    /// `[story id, label]`.
    story: Option<(String, &'a str)>,
    /// `[group id, kind, is this document the original]`, with the story holding the group.
    groups: Vec<(String, &'static str, bool, Option<String>)>,
    /// The inferred publish date, when the document declares none.
    inferred: Option<&'a str>,
}

/// Writes `data/links-XX.js`, one file per first byte of the document id (as the article data
/// files are sharded), mapping each document to its story and copy groups.
fn write_doc_links(dir: &Path, view: &View<'_>) -> Result<(), ReportError> {
    let corpus = view.corpus;
    let mut shards: Vec<BTreeMap<String, DocLinks<'_>>> =
        (0..256).map(|_| BTreeMap::new()).collect();
    fn entry<'s, 'a>(
        shards: &'s mut [BTreeMap<String, DocLinks<'a>>],
        doc: DocId,
    ) -> &'s mut DocLinks<'a> {
        shards[(doc.0 >> 56) as usize]
            .entry(doc.to_string())
            .or_insert_with(|| DocLinks {
                story: None,
                groups: Vec::new(),
                inferred: None,
            })
    }
    for (doc, &story) in &view.story_of {
        let story = &corpus.stories[story];
        entry(&mut shards, *doc).story = Some((story.id.to_string(), story.label.as_str()));
    }
    for group in &corpus.copies {
        let home = group
            .docs
            .first()
            .and_then(|doc| view.story_of.get(doc))
            .map(|&story| corpus.stories[story].id.to_string());
        for doc in &group.docs {
            entry(&mut shards, *doc).groups.push((
                group.id.to_string(),
                group.kind.as_str(),
                group.original == Some(*doc),
                home.clone(),
            ));
        }
    }
    for (doc, date) in &view.inferred {
        entry(&mut shards, *doc).inferred = Some(date);
    }
    for (shard, links) in shards.iter().enumerate() {
        if links.is_empty() {
            continue;
        }
        let path = dir.join(format!("links-{shard:02x}.js"));
        write_file(&path, &format!("concordLinks({});\n", script_json(links)?))?;
    }
    Ok(())
}

/// A story index row: id, label, size, languages, first, last, search text.
type StoryRow = (String, String, usize, String, String, String, String);
/// An entity index row: id, name, type, variants, stories (id, label), search text.
type EntityRow = (
    String,
    String,
    &'static str,
    String,
    Vec<(String, String)>,
    String,
);

fn story_rows(view: &View<'_>) -> Vec<StoryRow> {
    view.corpus
        .stories
        .iter()
        .map(|story| {
            let mut search = format!(
                "{} {} {} {}",
                story.id,
                story.label,
                story.languages.join(" "),
                story.sites.join(" ")
            );
            for doc in story.docs.iter().take(5) {
                if let Some(title) = view.docs.get(doc).and_then(|doc| doc.title.as_deref()) {
                    search.push(' ');
                    search.push_str(title);
                }
            }
            (
                story.id.to_string(),
                story.label.clone(),
                story.docs.len(),
                story.languages.join(", "),
                story.first.clone().unwrap_or_default(),
                story.last.clone().unwrap_or_default(),
                search.to_lowercase(),
            )
        })
        .collect()
}

/// "Putin (en, id) · Путин (ru)": an entity's variants, each with its languages.
fn variants_line(view: &View<'_>, entity: usize) -> String {
    let mut by_text: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for variant in &view.corpus.entities[entity].variants {
        by_text
            .entry(&variant.text)
            .or_default()
            .push(&variant.lang);
    }
    by_text
        .iter()
        .take(20)
        .map(|(text, langs)| format!("{text} ({})", langs.join(", ")))
        .collect::<Vec<_>>()
        .join(" · ")
}

fn entity_rows(view: &View<'_>) -> Vec<EntityRow> {
    view.corpus
        .entities
        .iter()
        .enumerate()
        .map(|(idx, entity)| {
            let variants = variants_line(view, idx);
            let stories: Vec<(String, String)> = view.entity_stories[idx]
                .iter()
                .take(5)
                .map(|&story| {
                    let story = &view.corpus.stories[story];
                    (story.id.to_string(), story.label.clone())
                })
                .collect();
            let search = format!(
                "{} {} {} {}",
                entity.id,
                entity.name,
                entity.kind.as_str(),
                variants
            )
            .to_lowercase();
            (
                entity.id.to_string(),
                entity.name.clone(),
                entity.kind.as_str(),
                variants,
                stories,
                search,
            )
        })
        .collect()
}

/// Writes `dir/NAME-K.js` files of at most [`ROWS_PER_PART`] rows each (at least one file).
fn write_index_data<T: Serialize>(dir: &Path, name: &str, rows: &[T]) -> Result<(), ReportError> {
    let mut chunks = rows.chunks(ROWS_PER_PART).peekable();
    if chunks.peek().is_none() {
        let path = dir.join(format!("{name}-0.js"));
        return write_file(&path, &format!("concordIndex(\"{name}\", 0, []);\n"));
    }
    for (part, chunk) in chunks.enumerate() {
        let path = dir.join(format!("{name}-{part}.js"));
        write_file(
            &path,
            &format!(
                "concordIndex(\"{name}\", {part}, {});\n",
                script_json(chunk)?
            ),
        )?;
    }
    Ok(())
}

fn parts(rows: usize) -> usize {
    rows.div_ceil(ROWS_PER_PART).max(1)
}

/// The search box, table head and pager of a paged index; the first page of rows is `first`.
fn index_box(
    out: &mut String,
    name: &str,
    rows: usize,
    depth: Depth,
    label: &str,
    headers: &[&str],
    first: &str,
) {
    let _ = write!(
        out,
        "<div data-index=\"{name}\" data-parts=\"{}\" data-base=\"{}\" data-page-size=\"{PAGE_SIZE}\">\n\
         <p class=\"search\"><label for=\"search-{name}\">{}</label> \
         <input id=\"search-{name}\" type=\"search\" disabled placeholder=\"name, language, site, id\"></p>\n\
         <table><caption>{} ({rows})</caption><thead><tr>",
        parts(rows),
        depth.prefix(),
        html(label),
        html(&capitalized(name)),
    );
    for header in headers {
        let _ = write!(out, "<th scope=\"col\">{}</th>", html(header));
    }
    let _ = write!(
        out,
        "</tr></thead>\n<tbody>\n{first}</tbody></table>\n<p class=\"pager\"><button type=\"button\" data-go=\"prev\" disabled>Previous page</button>\
         <button type=\"button\" data-go=\"next\"{}>Next page</button> <span role=\"status\" aria-live=\"polite\">Page 1 of {} ({rows} {name})</span></p>\n</div>\n",
        if rows > PAGE_SIZE { "" } else { " disabled" },
        rows.div_ceil(PAGE_SIZE).max(1),
    );
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!(
        "{} {}",
        format_number(count as f64),
        if count == 1 { one } else { many }
    )
}

fn source_text(source: &SourceRef) -> String {
    let mut out = source.path.clone();
    if let Some(line) = source.line {
        let _ = write!(out, ", line {line}");
    }
    if let Some(offset) = source.offset {
        let _ = write!(out, ", WARC offset {offset}");
    }
    out
}

/// Most changes listed in the overview (the rest are in `changes.jsonl`).
const CHANGES_SHOWN: usize = 200;

/// "Since the last run": what an incremental run added, new stories and conflicts first.
fn since_last_run(out: &mut String, changes: &[Change], depth: Depth) {
    out.push_str("<h2 id=\"changes\">Since the last run</h2>\n");
    if changes.is_empty() {
        out.push_str("<p>Nothing changed: no new or grown story, entity, variant or claim.</p>\n");
        return;
    }
    let mut order: Vec<&Change> = changes.iter().collect();
    // Conflicts and new stories first: what a monitoring analyst reads first.
    order.sort_by_key(|c| {
        let conflict = c.verdict == Some(Verdict::Conflict);
        (!conflict, c.kind != ChangeKind::NewStory, c.kind)
    });
    out.push_str(
        "<table><caption>New and changed stories, entities and claims</caption><thead><tr>\
         <th scope=\"col\">Change</th><th scope=\"col\">Item</th><th scope=\"col\">What is new</th>\
         </tr></thead><tbody>\n",
    );
    for change in order.iter().take(CHANGES_SHOWN) {
        let what = match change.kind {
            ChangeKind::NewStory => "new story",
            ChangeKind::StoryGrew => "story grew",
            ChangeKind::NewEntity => "new entity",
            ChangeKind::NewVariant => "new variant",
            ChangeKind::NewClaim => "new claim",
            ChangeKind::ClaimChanged => "claim changed",
        };
        let item = match change.kind {
            ChangeKind::NewStory | ChangeKind::StoryGrew => format!(
                "<a href=\"{}\">{}</a>",
                html(&story_href(depth, &change.item)),
                html(&change.label)
            ),
            ChangeKind::NewEntity | ChangeKind::NewVariant => format!(
                "<a href=\"{}\">{}</a>",
                html(&entity_href(depth, &change.item)),
                html(&change.label)
            ),
            ChangeKind::NewClaim | ChangeKind::ClaimChanged => html(&change.label),
        };
        let added = match change.kind {
            ChangeKind::NewStory | ChangeKind::StoryGrew => {
                plural(change.added.len(), "article", "articles")
            }
            ChangeKind::NewEntity | ChangeKind::NewVariant => html(&change.added.join(", ")),
            ChangeKind::NewClaim | ChangeKind::ClaimChanged => {
                let verdict = change.verdict.map_or("", Verdict::as_str);
                match change.was {
                    Some(was) => format!(
                        "{}; verdict {} (was {})",
                        plural(change.added.len(), "value", "values"),
                        verdict,
                        was.as_str()
                    ),
                    None => format!(
                        "{}; verdict {verdict}",
                        plural(change.added.len(), "value", "values")
                    ),
                }
            }
        };
        let _ = writeln!(
            out,
            "<tr><td>{what}</td><td>{item}</td><td>{added}</td></tr>"
        );
    }
    out.push_str("</tbody></table>\n");
    if changes.len() > CHANGES_SHOWN {
        let _ = writeln!(
            out,
            "<p class=\"muted\">The first {} of {} changes are shown; all are in changes.jsonl.</p>",
            format_number(CHANGES_SHOWN as f64),
            format_number(changes.len() as f64)
        );
    }
}

fn overview(view: &View<'_>) -> String {
    let corpus = view.corpus;
    let depth = Depth::Top;
    let mut out = page_head("Report", depth, "report.js");
    out.push_str("<body>\n");
    out.push_str(&nav(depth));
    out.push_str("<main id=\"main\">\n<h1>What the press says: concord report</h1>\n");
    let conflicts = view.conflicts();
    let _ = write!(
        out,
        "<p>{} in {} from {}{}; {} quarantined. Found {}, {}, {}, {} ({}) and {}.</p>\n",
        plural(view.docs.len(), "article", "articles"),
        plural(view.languages.len(), "language", "languages"),
        plural(view.sites.len(), "site", "sites"),
        match &view.date_span {
            Some((first, last)) => format!(", published {} to {}", html(first), html(last)),
            None => String::new(),
        },
        plural(view.issues.total as usize, "record", "records"),
        plural(corpus.stories.len(), "story", "stories"),
        plural(
            corpus.copies.len(),
            "copy or translation group",
            "copy and translation groups"
        ),
        plural(corpus.entities.len(), "entity", "entities"),
        plural(corpus.claims.len(), "claim", "claims"),
        plural(conflicts.len(), "conflict", "conflicts"),
        plural(corpus.quotes.len(), "shared quote", "shared quotes"),
    );

    if let Some(changes) = view.changes {
        since_last_run(&mut out, changes, depth);
    }

    out.push_str("<h2 id=\"timeline\">Timeline</h2>\n");
    match svg::timeline(view, depth) {
        Some(chart) => {
            out.push_str("<figure>\n");
            out.push_str(&chart);
            out.push_str("<figcaption>Colours: ");
            for (idx, (lang, _)) in view.languages.iter().enumerate() {
                if idx > 0 {
                    out.push_str(", ");
                }
                out.push_str(&svg::swatch(view.color(lang)));
                out.push_str("<span class=\"lang\">");
                push_html(&mut out, lang);
                out.push_str("</span>");
            }
            let _ = write!(
                out,
                ". The {} largest stories; hover a mark for the article.</figcaption>\n</figure>\n",
                corpus.stories.len().min(svg::TIMELINE_STORIES)
            );
        }
        None => out.push_str("<p>No story has a dated article.</p>\n"),
    }

    out.push_str("<h2 id=\"conflicts\">Largest conflicts</h2>\n");
    if conflicts.is_empty() {
        out.push_str("<p>No claim has values that contradict each other.</p>\n");
    } else {
        out.push_str("<table><caption>Claims whose sources disagree, widest disagreement first</caption><thead><tr>\
            <th scope=\"col\">What</th><th scope=\"col\">Values</th><th scope=\"col\" class=\"num\">Sources</th><th scope=\"col\">Story</th></tr></thead><tbody>\n");
        for &idx in conflicts.iter().take(CONFLICTS_SHOWN) {
            let claim = &corpus.claims[idx];
            let values: Vec<String> = claim
                .values
                .iter()
                .map(|value| format!("{} ({})", value.text, view.source_name(value.doc)))
                .collect();
            let story = claim
                .values
                .first()
                .and_then(|value| view.story_of.get(&value.doc))
                .map(|&story| &corpus.stories[story]);
            out.push_str("<tr><td>");
            match story {
                Some(story) => {
                    let _ = write!(
                        out,
                        "<a href=\"{}#{}\">{}</a>",
                        html(&story_href(depth, &story.id.to_string())),
                        claim.id,
                        html(&claim.what)
                    );
                }
                None => push_html(&mut out, &claim.what),
            }
            let _ = writeln!(
                out,
                " <span class=\"badge verdict-conflict\">conflict ×{:.1}</span></td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                spread(claim),
                html(&values.join("; ")),
                claim.values.len(),
                story.map(|story| html(&story.label)).unwrap_or_default()
            );
        }
        out.push_str("</tbody></table>\n");
    }

    out.push_str("<h2 id=\"stories\">Stories</h2>\n<p>Articles that report the same event, largest first. Open a story for its articles, copies and translations, entities, claims and quotes.</p>\n");
    let rows = story_rows(view);
    let mut first = String::new();
    for row in rows.iter().take(PAGE_SIZE) {
        let _ = writeln!(
            first,
            "<tr><td><a href=\"{}\">{}</a></td><td class=\"num\">{}</td><td class=\"lang\">{}</td><td>{}</td><td>{}</td></tr>",
            html(&story_href(depth, &row.0)),
            html(&row.1),
            row.2,
            html(&row.3),
            html(or_dash(&row.4)),
            html(or_dash(&row.5))
        );
    }
    index_box(
        &mut out,
        "stories",
        rows.len(),
        depth,
        "Search the stories",
        &["Story", "Articles", "Languages", "First", "Last"],
        &first,
    );
    unassigned(&mut out, view, depth);
    out.push_str("<h2 id=\"read\">What was read</h2>\n");
    out.push_str("<div class=\"columns\">\n<table class=\"compact\"><caption>Languages</caption><thead><tr><th scope=\"col\">Language</th><th scope=\"col\" class=\"num\">Articles</th></tr></thead><tbody>\n");
    for (lang, count) in &view.languages {
        let _ = writeln!(
            out,
            "<tr><td>{}<span class=\"lang\">{}</span></td><td class=\"num\">{}</td></tr>",
            svg::swatch(view.color(lang)),
            html(lang),
            format_number(*count as f64)
        );
    }
    out.push_str("</tbody></table>\n");
    out.push_str("<table class=\"compact\"><caption>Sites</caption><thead><tr><th scope=\"col\">Site</th><th scope=\"col\" class=\"num\">Articles</th></tr></thead><tbody>\n");
    for (site, count) in view.sites.iter().take(SITES_SHOWN) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            html(site),
            format_number(*count as f64)
        );
    }
    if view.sites.len() > SITES_SHOWN {
        let _ = writeln!(
            out,
            "<tr><td colspan=\"2\" class=\"muted\">and {} more</td></tr>",
            plural(view.sites.len() - SITES_SHOWN, "site", "sites")
        );
    }
    out.push_str("</tbody></table>\n</div>\n");
    if !view.manifest.inputs.is_empty() {
        out.push_str("<p>Inputs: ");
        for (idx, input) in view.manifest.inputs.iter().enumerate() {
            if idx > 0 {
                out.push_str(", ");
            }
            out.push_str("<code>");
            push_html(&mut out, input);
            out.push_str("</code>");
        }
        let _ = writeln!(
            out,
            " ({} records, {} files).</p>",
            format_number(view.manifest.records_in as f64),
            format_number(view.manifest.files_seen as f64)
        );
    }

    out.push_str("<h3 id=\"quarantine\">Quarantined records</h3>\n");
    if view.issues.total == 0 {
        out.push_str("<p>None: every record became an article.</p>\n");
    } else {
        out.push_str("<table class=\"compact\"><caption>Quarantined by reason</caption><thead><tr><th scope=\"col\">Reason</th><th scope=\"col\" class=\"num\">Records</th></tr></thead><tbody>\n");
        for (kind, count) in &view.issues.by_kind {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
                html(&kind.replace('_', " ")),
                format_number(*count as f64)
            );
        }
        out.push_str("</tbody></table>\n");
        let _ = write!(
            out,
            "<table><caption>Quarantined records{}</caption><thead><tr><th scope=\"col\">Where</th>\
             <th scope=\"col\">Reason</th><th scope=\"col\">Stage</th><th scope=\"col\">Message</th></tr></thead><tbody>\n",
            if view.issues.total as usize > view.issues.shown.len() {
                format!(
                    " (the first {}; all are in concord.sqlite, table quarantine)",
                    view.issues.shown.len()
                )
            } else {
                String::new()
            }
        );
        for issue in &view.issues.shown {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                html(&source_text(&issue.source)),
                html(&issue.kind.as_str().replace('_', " ")),
                html(issue.stage.as_str()),
                html(&issue.message)
            );
        }
        out.push_str("</tbody></table>\n");
    }

    let _ = write!(
        out,
        "<p>Also: the <a href=\"{ASSET_DIR}/entities.html\">entity index</a>, the dossier in Markdown \
         (<code>report.md</code>) and the database (<code>concord.sqlite</code>) in this folder.</p>\n</main>\n\
         <footer><p class=\"muted\">concord {} · schema {}</p></footer>\n</body>\n</html>\n",
        html(&view.manifest.concord_version),
        view.manifest.schema_version
    );
    out
}

/// Articles listed on the overview that are in no story (all of them are in `concord.sqlite`).
const UNASSIGNED_SHOWN: usize = 50;

/// The articles reconcile put in no story, so that none is missing from the report.
fn unassigned(out: &mut String, view: &View<'_>, depth: Depth) {
    let mut docs: Vec<DocId> = view
        .docs
        .keys()
        .filter(|doc| !view.story_of.contains_key(doc))
        .copied()
        .collect();
    if docs.is_empty() {
        return;
    }
    docs.sort();
    let _ = write!(
        out,
        "<h3 id=\"unassigned\">Articles in no story</h3>\n<table><caption>{}{}</caption><thead><tr>\
         <th scope=\"col\">Date</th><th scope=\"col\">Language</th><th scope=\"col\">Site</th><th scope=\"col\">Title</th></tr></thead><tbody>\n",
        plural(docs.len(), "article", "articles"),
        if docs.len() > UNASSIGNED_SHOWN {
            format!(
                ", the first {UNASSIGNED_SHOWN} by id (all are in concord.sqlite, documents with no story_id)"
            )
        } else {
            String::new()
        }
    );
    for doc in docs.into_iter().take(UNASSIGNED_SHOWN) {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"lang\">{}</td><td>{}</td><td>{}</td></tr>",
            date_cell(view, doc),
            html(view.lang_of(doc)),
            html(&view.source_name(doc)),
            title_link(view, doc, depth)
        );
    }
    out.push_str("</tbody></table>\n");
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "—" } else { text }
}

fn date_cell(view: &View<'_>, doc: DocId) -> String {
    match view.date_of(doc) {
        Some((date, false)) => html(date),
        Some((date, true)) => format!("{} <span class=\"muted\">(inferred)</span>", html(date)),
        None => "<span class=\"muted\">undated</span>".to_owned(),
    }
}

fn title_link(view: &View<'_>, doc: DocId, depth: Depth) -> String {
    let title = view
        .docs
        .get(&doc)
        .and_then(|doc| doc.title.clone())
        .unwrap_or_else(|| format!("(untitled {doc})"));
    format!(
        "<a href=\"{}\">{}</a>",
        html(&article_href(depth, doc, None)),
        html(&title)
    )
}

/// A link to the article view of `doc`, showing its site (or file name).
fn source_link(view: &View<'_>, doc: DocId, depth: Depth) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        html(&article_href(depth, doc, None)),
        html(&view.source_name(doc))
    )
}

/// A link to `span` of `doc` in the article view, showing `text`.
fn span_link(doc: DocId, span: Span, text: &str, depth: Depth) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        html(&article_href(depth, doc, Some(span))),
        html(text)
    )
}

fn group_kind(kind: CopyKind) -> &'static str {
    match kind {
        CopyKind::Exact => "Exact copies",
        CopyKind::Near => "Near copies",
        CopyKind::Translation => "Translations",
    }
}

/// An entity's variants by language, each linked to its first mention in that language.
fn variants_cell(view: &View<'_>, item: &Entity, depth: Depth) -> String {
    use super::VARIANTS_PER_STORY_ENTITY;
    let mut by_lang: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    // The most frequent only: an entity of a large corpus has thousands of spellings, and its
    // cell is on every story page it appears on (the entity index lists them all).
    for variant in item.variants.iter().take(VARIANTS_PER_STORY_ENTITY) {
        let link = view
            .variant_links
            .get(&(item.id, variant.text.clone(), variant.lang.clone()))
            .or_else(|| {
                item.mentions
                    .iter()
                    .find(|mention| view.lang_of(mention.doc) == variant.lang)
            });
        let mut cell = match link {
            Some(at) => span_link(at.doc, at.span, &variant.text, depth),
            None => html(&variant.text),
        };
        let _ = write!(cell, " <span class=\"muted\">×{}</span>", variant.count);
        if variant.mixed_script {
            cell.push_str(" <span class=\"badge\">mixed script</span>");
        }
        if variant.repaired {
            cell.push_str(" <span class=\"badge\">repaired</span>");
        }
        by_lang.entry(&variant.lang).or_default().push(cell);
    }
    let mut cell = by_lang
        .iter()
        .map(|(lang, cells)| {
            format!(
                "<span class=\"lang\">{}</span>: {}",
                html(lang),
                cells.join(", ")
            )
        })
        .collect::<Vec<String>>()
        .join("<br>");
    if let Some(more) = item.variants.len().checked_sub(VARIANTS_PER_STORY_ENTITY)
        && more > 0
    {
        let _ = write!(
            cell,
            "<br><span class=\"muted\">and {} more in the <a href=\"{}\">entity index</a></span>",
            format_number(more as f64),
            html(&entity_href(depth, &item.id.to_string()))
        );
    }
    cell
}

fn story_page(view: &View<'_>, idx: usize, variant_cells: &mut HashMap<usize, String>) -> String {
    let corpus = view.corpus;
    let story: &Story = &corpus.stories[idx];
    let depth = Depth::Story;
    let mut out = page_head(&story.label, depth, "report.js");
    out.push_str("<body>\n");
    out.push_str(&nav(depth));
    out.push_str("<main id=\"main\">\n<h1>");
    push_html(&mut out, &story.label);
    out.push_str("</h1>\n");
    let _ = writeln!(
        out,
        "<p>{} in {} ({}) from {}, {} to {}. Story <code>{}</code>.</p>",
        plural(story.docs.len(), "article", "articles"),
        plural(story.languages.len(), "language", "languages"),
        html(&story.languages.join(", ")),
        html(&story.sites.join(", ")),
        html(story.first.as_deref().unwrap_or("an unknown date")),
        html(story.last.as_deref().unwrap_or("an unknown date")),
        story.id
    );

    // Articles.
    let groups_of = |doc: DocId| -> Vec<String> {
        view.story_groups[idx]
            .iter()
            .filter(|&&group| corpus.copies[group].docs.contains(&doc))
            .map(|&group| {
                let group = &corpus.copies[group];
                let original = if group.original == Some(doc) {
                    ", original"
                } else {
                    ""
                };
                format!(
                    "<a href=\"#{}\">{}{}</a>",
                    group.id,
                    group.kind.as_str(),
                    original
                )
            })
            .collect()
    };
    out.push_str("<h2 id=\"articles\">Articles</h2>\n");
    let _ = write!(
        out,
        "<p class=\"search\"><label for=\"filter-articles\">Filter the articles</label> \
         <input id=\"filter-articles\" type=\"search\" data-filter=\"articles-table\" disabled placeholder=\"language, site, title\"></p>\n\
         <table id=\"articles-table\"><caption>Articles by publication date</caption><thead><tr><th scope=\"col\">Date</th>\
         <th scope=\"col\">Language</th><th scope=\"col\">Site</th><th scope=\"col\">Title</th><th scope=\"col\">Source</th>\
         <th scope=\"col\">Copy groups</th><th scope=\"col\">Why in this story</th></tr></thead><tbody>\n"
    );
    for doc in story.docs.iter().take(STORY_ARTICLES) {
        let lang = view.lang_of(*doc);
        let source = view
            .docs
            .get(doc)
            .map(|summary| {
                let mut cell = html(&source_text(&summary.source));
                if let Some(url) = &summary.source.url {
                    cell.push_str("<br>");
                    push_outside_link(&mut cell, url);
                }
                cell
            })
            .unwrap_or_default();
        let why = story
            .evidence
            .iter()
            .find(|evidence| evidence.doc == *doc)
            .map(|evidence| format!("{:.2}: {}", evidence.score, evidence.matched.join("; ")))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}<span class=\"lang\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            date_cell(view, *doc),
            svg::swatch(view.color(lang)),
            html(lang),
            html(&view.source_name(*doc)),
            title_link(view, *doc, depth),
            source,
            groups_of(*doc).join(", "),
            html(&why)
        );
    }
    out.push_str("</tbody></table>\n");
    cut_note(
        &mut out,
        STORY_ARTICLES,
        story.docs.len(),
        "articles",
        "story_docs",
    );

    // Copy and translation groups.
    out.push_str("<h2 id=\"copies\">Copies and translations</h2>\n");
    if view.story_groups[idx].is_empty() {
        out.push_str("<p>No article of this story is a copy or translation of another.</p>\n");
    }
    cut_note(
        &mut out,
        STORY_GROUPS,
        view.story_groups[idx].len(),
        "copy groups",
        "copy_groups",
    );
    for &group in view.story_groups[idx].iter().take(STORY_GROUPS) {
        let group = &corpus.copies[group];
        let _ = writeln!(
            out,
            "<section class=\"group\" id=\"{}\" aria-labelledby=\"{}-h\"><h3 id=\"{}-h\">{}: {} ({})</h3>",
            group.id,
            group.id,
            group.id,
            group_kind(group.kind),
            plural(group.docs.len(), "article", "articles"),
            html(&group.languages.join(", "))
        );
        if group.original.is_none() {
            out.push_str("<p class=\"muted\">The dates do not tell which is the original (it may be an article that is not in the input).</p>\n");
        }
        out.push_str("<table><caption>Members, earliest first</caption><thead><tr><th scope=\"col\">Article</th><th scope=\"col\">Language</th>\
            <th scope=\"col\">Site</th><th scope=\"col\">Date</th><th scope=\"col\">Role</th><th scope=\"col\" class=\"num\">Score</th><th scope=\"col\">What matched</th></tr></thead><tbody>\n");
        for doc in &group.docs {
            let evidence = group.evidence.iter().find(|evidence| evidence.doc == *doc);
            let role = if group.original == Some(*doc) {
                "<span class=\"original\">★ original</span>"
            } else if group.kind == CopyKind::Translation {
                "translation"
            } else {
                "copy"
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"lang\">{}</td><td>{}</td><td>{}</td><td>{role}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                title_link(view, *doc, depth),
                html(view.lang_of(*doc)),
                html(&view.source_name(*doc)),
                date_cell(view, *doc),
                evidence
                    .map(|e| format!("{:.2}", e.score))
                    .unwrap_or_default(),
                html(&evidence.map(|e| e.matched.join("; ")).unwrap_or_default())
            );
        }
        out.push_str("</tbody></table>\n</section>\n");
    }

    // Entities.
    out.push_str("<h2 id=\"entities\">Entities</h2>\n");
    let entities = &view.story_entities[idx];
    if entities.is_empty() {
        out.push_str("<p>No entity was found in this story.</p>\n");
    } else {
        let _ = write!(
            out,
            "<p class=\"search\"><label for=\"filter-entities\">Filter the entities</label> \
             <input id=\"filter-entities\" type=\"search\" data-filter=\"entities-table\" disabled placeholder=\"name or variant\"></p>\n\
             <table id=\"entities-table\"><caption>Entities with their variants by language{}</caption><thead><tr><th scope=\"col\">Entity</th>\
             <th scope=\"col\">Type</th><th scope=\"col\">Variants by language</th><th scope=\"col\" class=\"num\">Mentions here</th></tr></thead><tbody>\n",
            if entities.len() > ENTITIES_PER_STORY {
                format!(
                    " (the {ENTITIES_PER_STORY} most mentioned of {})",
                    entities.len()
                )
            } else {
                String::new()
            }
        );
        for &(entity, count) in entities.iter().take(ENTITIES_PER_STORY) {
            let item = &corpus.entities[entity];
            let variants = variant_cells
                .entry(entity)
                .or_insert_with(|| variants_cell(view, item, depth));
            let _ = writeln!(
                out,
                "<tr><td><a href=\"{}\">{}</a></td><td>{}</td><td>{}</td><td class=\"num\">{count}</td></tr>",
                html(&entity_href(depth, &item.id.to_string())),
                html(&item.name),
                item.kind.as_str(),
                variants
            );
        }
        out.push_str("</tbody></table>\n");
    }

    // Claims.
    out.push_str("<h2 id=\"claims\">Claims</h2>\n");
    let claims = &view.story_claims[idx];
    if claims.is_empty() {
        out.push_str("<p>No figure in this story is reported by its sources.</p>\n");
    } else {
        out.push_str("<p>Figures that count the same thing, with every source's value. <span class=\"badge verdict-conflict\">conflict</span>: the sources disagree for the same time; \
            <span class=\"badge verdict-changed\">changed</span>: values for different dates that move one way; \
            <span class=\"badge verdict-agree\">agree</span>; <span class=\"badge verdict-mt_damage\">mt_damage</span>: explained by a translation error.</p>\n");
    }
    let ordered = view.story_claims_ordered(idx, corpus);
    cut_note(&mut out, STORY_CLAIMS, ordered.len(), "claims", "claims");
    for claim in ordered.into_iter().take(STORY_CLAIMS) {
        let claim = &corpus.claims[claim];
        let verdict = claim.verdict.as_str();
        let id = claim.id.to_string();
        let _ = writeln!(
            out,
            "<section class=\"claim {verdict}\" id=\"{id}\" aria-labelledby=\"{id}-h\"><h3 id=\"{id}-h\">{} <span class=\"badge verdict-{verdict}\">{}</span></h3>",
            html(&claim.what),
            verdict.replace('_', " ")
        );
        let _ = write!(
            out,
            "<table><caption>Values by source</caption><thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Language</th>\
             <th scope=\"col\">Value</th><th scope=\"col\">As written</th><th scope=\"col\">Qualifier</th><th scope=\"col\">Attributed to</th>\
             <th scope=\"col\">As of</th></tr></thead><tbody>\n"
        );
        for value in &claim.values {
            let number = match value.value_max {
                Some(max) => format!("{}–{}", format_number(value.value), format_number(max)),
                None => format_number(value.value),
            };
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"lang\">{}</td><td class=\"num\">{}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                source_link(view, value.doc, depth),
                html(view.lang_of(value.doc)),
                html(&number),
                if value.repaired {
                    " <span class=\"badge\">repaired</span>"
                } else {
                    ""
                },
                span_link(value.doc, value.span, &value.text, depth),
                html(&value.qualifier.as_str().replace('_', " ")),
                html(value.attributed_to.as_deref().unwrap_or("—")),
                html(value.as_of.as_deref().unwrap_or("—"))
            );
        }
        out.push_str("</tbody></table>\n");
        if let Some(chart) = svg::claim_chart(claim, &id) {
            out.push_str("<figure>");
            out.push_str(&chart);
            out.push_str(
                "<figcaption>The values by the date they refer to.</figcaption></figure>\n",
            );
        }
        out.push_str("</section>\n");
    }

    // Shared quotes.
    out.push_str("<h2 id=\"quotes\">Shared quotes</h2>\n");
    if view.story_quotes[idx].is_empty() {
        out.push_str("<p>No statement is quoted by more than one article.</p>\n");
    }
    cut_note(
        &mut out,
        STORY_QUOTES,
        view.story_quotes[idx].len(),
        "shared quotes",
        "quotes",
    );
    for &quote in view.story_quotes[idx].iter().take(STORY_QUOTES) {
        let quote = &corpus.quotes[quote];
        let speaker = quote
            .speaker
            .and_then(|speaker| view.entity_index.get(&speaker))
            .map(|&entity| corpus.entities[entity].name.as_str())
            .unwrap_or("an unnamed speaker");
        let id = quote.id.to_string();
        let _ = writeln!(
            out,
            "<section class=\"quote\" id=\"{id}\" aria-labelledby=\"{id}-h\"><h3 id=\"{id}-h\">{} ({})</h3>\n<div class=\"quotes\">",
            html(speaker),
            plural(quote.renderings.len(), "rendering", "renderings")
        );
        for rendering in &quote.renderings {
            let lang_attr = if rendering.lang.chars().all(|ch| ch.is_ascii_lowercase())
                && !rendering.lang.is_empty()
            {
                format!(" lang=\"{}\"", html(&rendering.lang))
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "<figure><blockquote{lang_attr}>{}</blockquote><figcaption><span class=\"lang\">{}</span> · {} · <a href=\"{}\">in context</a></figcaption></figure>",
                html(&rendering.text),
                html(&rendering.lang),
                html(&view.source_name(rendering.doc)),
                html(&article_href(depth, rendering.doc, Some(rendering.span)))
            );
        }
        out.push_str("</div>\n</section>\n");
    }

    // MT damage.
    out.push_str("<h2 id=\"mt-damage\">Suspected machine-translation damage</h2>\n");
    if view.story_damage[idx].is_empty() {
        out.push_str("<p>None found.</p>\n");
    } else {
        out.push_str("<table><caption>Words a translation probably got wrong, with what the other renderings say</caption><thead><tr>\
            <th scope=\"col\">Article</th><th scope=\"col\">Damaged words</th><th scope=\"col\">Evidence</th><th scope=\"col\">Proposed repair</th></tr></thead><tbody>\n");
        for &damage in view.story_damage[idx].iter().take(STORY_DAMAGE) {
            let damage = &corpus.mt_damage[damage];
            let evidence: Vec<String> = damage
                .evidence
                .iter()
                .map(|e| {
                    format!(
                        "{} ({})",
                        span_link(e.doc, e.span, &e.text, depth),
                        html(&view.source_name(e.doc))
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><strong>{}</strong></td></tr>",
                html(&view.source_name(damage.doc)),
                span_link(damage.doc, damage.span, &damage.text, depth),
                evidence.join("<br>"),
                html(&damage.repair)
            );
        }
        out.push_str("</tbody></table>\n");
        cut_note(
            &mut out,
            STORY_DAMAGE,
            view.story_damage[idx].len(),
            "suspected errors",
            "mt_damage",
        );
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn entity_page(view: &View<'_>) -> String {
    let depth = Depth::Assets;
    let mut out = page_head("Entities", depth, "report.js");
    out.push_str("<body>\n");
    out.push_str(&nav(depth));
    out.push_str("<main id=\"main\">\n<h1>Entities</h1>\n<p>Every person, organisation, place and event under all its names, most mentioned first.</p>\n");
    let rows = entity_rows(view);
    let mut first = String::new();
    for row in rows.iter().take(PAGE_SIZE) {
        let stories: Vec<String> = row
            .4
            .iter()
            .map(|(id, label)| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    html(&story_href(depth, id)),
                    html(label)
                )
            })
            .collect();
        let _ = writeln!(
            first,
            "<tr><td id=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            html(&row.0),
            html(&row.1),
            row.2,
            html(&row.3),
            stories.join("; ")
        );
    }
    index_box(
        &mut out,
        "entities",
        rows.len(),
        depth,
        "Search the entities",
        &["Name", "Type", "Variants (languages)", "Stories"],
        &first,
    );
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
