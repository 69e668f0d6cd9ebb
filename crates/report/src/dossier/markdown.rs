//! `report.md`: a dossier per story, fit to paste into a brief — the articles, copies and
//! translations, entities, claims tables, conflicts, shared quotes, MT damage and sources: the same
//! facts as the HTML, from the same [`View`]. Untrusted text is made inert with
//! [`markdown`](super::escape::markdown); only `http(s)` URLs become links.

use std::collections::BTreeMap;
use std::fmt::Write;

use concord_model::{CopyKind, DocId, Verdict};

use super::escape::{markdown as md, safe_url};
use super::view::{ENTITIES_PER_STORY, View, format_number};

fn date(view: &View<'_>, doc: DocId) -> String {
    match view.date_of(doc) {
        Some((date, false)) => md(date),
        Some((date, true)) => format!("{} (inferred)", md(date)),
        None => "undated".to_owned(),
    }
}

fn title(view: &View<'_>, doc: DocId) -> String {
    view.docs
        .get(&doc)
        .and_then(|summary| summary.title.as_deref())
        .map(md)
        .unwrap_or_else(|| format!("(untitled {doc})"))
}

/// The whole dossier.
pub(crate) fn render(view: &View<'_>) -> String {
    let corpus = view.corpus;
    let mut out = String::from("# concord dossier\n\n");
    let _ = writeln!(
        out,
        "{} articles in {} languages from {} sites{}; {} records quarantined.",
        format_number(view.docs.len() as f64),
        view.languages.len(),
        view.sites.len(),
        match &view.date_span {
            Some((first, last)) => format!(", published {} to {}", md(first), md(last)),
            None => String::new(),
        },
        format_number(view.issues.total as f64),
    );
    let languages: Vec<String> = view
        .languages
        .iter()
        .map(|(lang, count)| format!("{} ({count})", md(lang)))
        .collect();
    let _ = writeln!(out, "Languages: {}.\n", languages.join(", "));
    if !view.issues.by_kind.is_empty() {
        let reasons: Vec<String> = view
            .issues
            .by_kind
            .iter()
            .map(|(kind, count)| format!("{} ({count})", kind.replace('_', " ")))
            .collect();
        let _ = writeln!(out, "Quarantined by reason: {}.\n", reasons.join(", "));
    }

    out.push_str("## Stories\n\n");
    if corpus.stories.is_empty() {
        out.push_str("No stories.\n");
    }
    for (idx, story) in corpus.stories.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {} — {} articles; {}; {} to {}",
            idx + 1,
            md(&story.label),
            story.docs.len(),
            md(&story.languages.join(", ")),
            md(story.first.as_deref().unwrap_or("?")),
            md(story.last.as_deref().unwrap_or("?")),
        );
    }

    let conflicts = view.conflicts();
    if !conflicts.is_empty() {
        out.push_str("\n## Largest conflicts\n\n");
        for &idx in conflicts.iter().take(20) {
            let claim = &corpus.claims[idx];
            let values: Vec<String> = claim
                .values
                .iter()
                .map(|value| format!("{} ({})", md(&value.text), md(&view.source_name(value.doc))))
                .collect();
            let _ = writeln!(out, "- **{}**: {}", md(&claim.what), values.join(" vs "));
        }
    }

    for idx in 0..corpus.stories.len() {
        story(&mut out, view, idx);
    }
    out
}

fn story(out: &mut String, view: &View<'_>, idx: usize) {
    let corpus = view.corpus;
    let story = &corpus.stories[idx];
    let _ = writeln!(out, "\n---\n\n## Story: {}\n", md(&story.label));
    let _ = writeln!(
        out,
        "Story `{}` · {} articles · {} · {} · {} to {}\n",
        story.id,
        story.docs.len(),
        md(&story.languages.join(", ")),
        md(&story.sites.join(", ")),
        md(story.first.as_deref().unwrap_or("?")),
        md(story.last.as_deref().unwrap_or("?")),
    );

    out.push_str(
        "### Articles\n\n| Date | Language | Site | Title | Document |\n|---|---|---|---|---|\n",
    );
    for doc in &story.docs {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | `{doc}` |",
            date(view, *doc),
            md(view.lang_of(*doc)),
            md(&view.source_name(*doc)),
            title(view, *doc),
        );
    }

    if !view.story_groups[idx].is_empty() {
        out.push_str("\n### Copies and translations\n\n");
        for &group in &view.story_groups[idx] {
            let group = &corpus.copies[group];
            let kind = match group.kind {
                CopyKind::Exact => "Exact copies",
                CopyKind::Near => "Near copies",
                CopyKind::Translation => "Translations",
            };
            let _ = writeln!(
                out,
                "- **{kind}** (`{}`), {}:",
                group.id,
                if group.original.is_some() {
                    "original marked"
                } else {
                    "the dates do not tell which is the original"
                }
            );
            for doc in &group.docs {
                let score = group
                    .evidence
                    .iter()
                    .find(|evidence| evidence.doc == *doc)
                    .map(|evidence| {
                        format!(
                            ", score {:.2}: {}",
                            evidence.score,
                            md(&evidence.matched.join("; "))
                        )
                    })
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  - {}{} — {} — {} — `{doc}`{score}",
                    if group.original == Some(*doc) {
                        "**original** "
                    } else {
                        ""
                    },
                    title(view, *doc),
                    md(view.lang_of(*doc)),
                    md(&view.source_name(*doc)),
                );
            }
        }
    }

    let entities = &view.story_entities[idx];
    if !entities.is_empty() {
        out.push_str("\n### Entities\n\n| Entity | Type | Variants by language | Mentions |\n|---|---|---|---|\n");
        for &(entity, count) in entities.iter().take(ENTITIES_PER_STORY) {
            let item = &corpus.entities[entity];
            let mut by_lang: BTreeMap<&str, Vec<String>> = BTreeMap::new();
            for variant in item.variants.iter().take(super::VARIANTS_PER_STORY_ENTITY) {
                let mut text = format!("{} ×{}", md(&variant.text), variant.count);
                if variant.mixed_script {
                    text.push_str(" (mixed script)");
                }
                if variant.repaired {
                    text.push_str(" (repaired)");
                }
                by_lang.entry(&variant.lang).or_default().push(text);
            }
            let mut variants: Vec<String> = by_lang
                .iter()
                .map(|(lang, texts)| format!("{}: {}", md(lang), texts.join(", ")))
                .collect();
            if let Some(more) = item
                .variants
                .len()
                .checked_sub(super::VARIANTS_PER_STORY_ENTITY)
                .filter(|&n| n > 0)
            {
                variants.push(format!("and {more} more in entities.jsonl"));
            }
            let _ = writeln!(
                out,
                "| {} | {} | {} | {count} |",
                md(&item.name),
                item.kind.as_str(),
                variants.join("; ")
            );
        }
    }

    let claims = &view.story_claims[idx];
    if !claims.is_empty() {
        out.push_str("\n### Claims\n");
        let ordered = view.story_claims_ordered(idx, corpus);
        for claim in ordered {
            let claim = &corpus.claims[claim];
            let verdict = claim.verdict.as_str().replace('_', " ");
            let verdict = if claim.verdict == Verdict::Conflict {
                format!("**{}**", verdict.to_uppercase())
            } else {
                verdict
            };
            let _ = writeln!(
                out,
                "\n#### {} — {verdict}\n\n| Source | Language | Value | As written | Qualifier | Attributed to | As of | Document, bytes |\n|---|---|---|---|---|---|---|---|",
                md(&claim.what)
            );
            for value in &claim.values {
                let number = match value.value_max {
                    Some(max) => format!("{}–{}", format_number(value.value), format_number(max)),
                    None => format_number(value.value),
                };
                let _ = writeln!(
                    out,
                    "| {} | {} | {}{} | {} | {} | {} | {} | `{}` {}–{} |",
                    md(&view.source_name(value.doc)),
                    md(view.lang_of(value.doc)),
                    md(&number),
                    if value.repaired { " (repaired)" } else { "" },
                    md(&value.text),
                    value.qualifier.as_str().replace('_', " "),
                    md(value.attributed_to.as_deref().unwrap_or("—")),
                    md(value.as_of.as_deref().unwrap_or("—")),
                    value.doc,
                    value.span.start,
                    value.span.end,
                );
            }
        }
        let conflicts: Vec<_> = claims
            .iter()
            .map(|&claim| &corpus.claims[claim])
            .filter(|claim| claim.verdict == Verdict::Conflict)
            .collect();
        out.push_str("\n### Conflicts\n\n");
        if conflicts.is_empty() {
            out.push_str(
                "None: where the sources differ, the values agree or refer to other dates.\n",
            );
        }
        for claim in conflicts {
            let values: Vec<String> = claim
                .values
                .iter()
                .map(|value| {
                    let by = value
                        .attributed_to
                        .as_deref()
                        .map(|who| format!(", according to {}", md(who)))
                        .unwrap_or_default();
                    format!(
                        "{} ({}{by})",
                        md(&value.text),
                        md(&view.source_name(value.doc))
                    )
                })
                .collect();
            let _ = writeln!(out, "- {}: {}", md(&claim.what), values.join(" vs "));
        }
    }

    if !view.story_quotes[idx].is_empty() {
        out.push_str("\n### Shared quotes\n");
        for &quote in &view.story_quotes[idx] {
            let quote = &corpus.quotes[quote];
            let speaker = quote
                .speaker
                .and_then(|speaker| view.entity_index.get(&speaker))
                .map(|&entity| md(&corpus.entities[entity].name))
                .unwrap_or_else(|| "Unnamed speaker".to_owned());
            let _ = writeln!(
                out,
                "\n#### {speaker} (`{}`)\n\n| Language | Source | Rendering |\n|---|---|---|",
                quote.id
            );
            for rendering in &quote.renderings {
                let _ = writeln!(
                    out,
                    "| {} | {} | “{}” |",
                    md(&rendering.lang),
                    md(&view.source_name(rendering.doc)),
                    md(&rendering.text)
                );
            }
        }
    }

    if !view.story_damage[idx].is_empty() {
        out.push_str("\n### Suspected machine-translation damage\n\n| Article | Damaged words | Evidence | Proposed repair |\n|---|---|---|---|\n");
        for &damage in &view.story_damage[idx] {
            let damage = &corpus.mt_damage[damage];
            let evidence: Vec<String> = damage
                .evidence
                .iter()
                .map(|e| format!("“{}” ({})", md(&e.text), md(&view.source_name(e.doc))))
                .collect();
            let _ = writeln!(
                out,
                "| {} | “{}” | {} | **{}** |",
                md(&view.source_name(damage.doc)),
                md(&damage.text),
                evidence.join("; "),
                md(&damage.repair)
            );
        }
    }

    out.push_str("\n### Sources\n\n");
    for doc in &story.docs {
        let Some(summary) = view.docs.get(doc) else {
            let _ = writeln!(out, "- `{doc}`");
            continue;
        };
        let mut place = md(&summary.source.path);
        if let Some(line) = summary.source.line {
            let _ = write!(place, ", line {line}");
        }
        if let Some(offset) = summary.source.offset {
            let _ = write!(place, ", WARC offset {offset}");
        }
        let url = match summary.source.url.as_deref() {
            Some(url) => match safe_url(url) {
                Some(url) => format!(" — <{url}>"),
                None => format!(" — {}", md(url)),
            },
            None => String::new(),
        };
        let _ = writeln!(out, "- `{doc}`: {} — {place}{url}", title(view, *doc));
    }
}
