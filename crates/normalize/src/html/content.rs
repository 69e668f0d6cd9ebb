//! Finds the article body in a parsed page and sorts every piece of text into kept blocks and
//! removed pieces.
//!
//! 1. Every element gets its subtree text length (one reverse pass over the pre-ordered arena).
//!    Junk hints from attributes are overridden on elements holding most of the page's text.
//! 2. One iterative walk cuts the page into text blocks at block-level boundaries, each with its
//!    owner element, link text share and innermost junk ancestor.
//! 3. Each non-junk block weighs its length times its non-link share; weights are summed up the
//!    tree, and the container is found by descending from `<body>` into the child that holds most
//!    of the weight for as long as one child holds nearly all of it. Siblings of the container
//!    that carry real paragraphs join it (articles split around an ad or a lead paragraph).
//! 4. Blocks in the container are kept unless junk, link lists or boilerplate lines; everything
//!    else goes to `removed` with a reason.
//!
//! Only language-independent signals are used (lengths, link density, tag and class hints in
//! several languages, punctuation); there are no site rules.

use concord_model::{OffsetMap, RemovalReason, Removed};

use super::dom::{Dom, NONE, Node, Tag};
use super::hints::{Firm, Hint};
use super::text;
use super::{Block, BlockKind};

/// A junk hint from attributes is ignored on an element holding this share of the page's
/// paragraph weight.
const VETO_SHARE: f64 = 0.5;
/// The same for elements named like comment threads, which can outweigh a short article.
const COMMENTS_VETO_SHARE: f64 = 0.85;
/// Descend into a child while it holds this share of its parent's weight.
/// Siblings of the container up to this many levels up may join it.
const MERGE_LEVELS: usize = 3;
/// A sibling joins when it holds a paragraph run scoring this share of the container's.
const MERGE_SHARE: f64 = 0.25;
/// Attribute hints around the best paragraph run are overruled when it scores this many times
/// the best run outside them.
const RESCUE_RATIO: f64 = 2.0;
/// Score factor for elements named like an article body (`post-body entry-content`,
/// `article-body`): such a name is strong evidence against an unnamed block of text elsewhere.
/// Measured at 1.25, 2, 3 and 4 (BENCHMARKS, session 11): 3 lifts dragnet, readability and
/// fundus's German pages, no set losing more than 0.004.
const CONTENT_HINT_BONUS: f64 = 3.0;
/// Longest text kept for a removed script or style.
const MARKUP_SUMMARY_CHARS: usize = 80;

struct RawBlock {
    text: String,
    /// The block's offset-map anchors: a range of [`Cutter::anchors`] (copied out only for the
    /// blocks that are kept).
    anchors: (u32, u32),
    /// Character references decoded in the text.
    references: u32,
    raw_offset: u32,
    owner: u32,
    /// Innermost junk-hinted element around the block, or [`NONE`].
    junk: u32,
    /// Innermost element around the block whose junk hint comes from its tag, or [`NONE`].
    firm_junk: u32,
    quote: bool,
    bytes: u32,
    link_bytes: u32,
    chars: u32,
}

/// Step 2's state: the block being written and the finished ones.
struct Cutter {
    blocks: Vec<RawBlock>,
    /// The text of the block being written (reused: each block gets an exact-size copy).
    text: String,
    /// Where the block being written came from (reused like `text`).
    from: text::Provenance,
    /// Anchors of every finished block, back to back.
    anchors: Vec<(u32, u32)>,
    gap: text::Gap,
    /// The current block's fields other than its text.
    raw_offset: u32,
    owner: u32,
    junk: u32,
    firm_junk: u32,
    quote: bool,
    link_bytes: u32,
}

impl Cutter {
    /// Ends the block being written, if it has text (most calls find none: no call for them).
    #[inline(always)]
    fn flush(&mut self) {
        self.gap = text::Gap::default();
        if !self.text.is_empty() {
            self.finish_block();
        }
    }

    /// Moves the text written into a new block.
    fn finish_block(&mut self) {
        let start = self.anchors.len() as u32;
        self.anchors.extend_from_slice(&self.from.map.anchors);
        self.blocks.push(RawBlock {
            text: self.text.as_str().to_owned(),
            anchors: (start, self.anchors.len() as u32),
            references: self.from.references,
            raw_offset: self.raw_offset,
            owner: self.owner,
            junk: self.junk,
            firm_junk: self.firm_junk,
            quote: self.quote,
            bytes: self.text.len() as u32,
            link_bytes: self.link_bytes,
            chars: self.text.chars().count() as u32,
        });
        self.text.clear();
        self.from.map.anchors.clear();
        self.from.references = 0;
        self.link_bytes = 0;
    }
}

/// The result of [`extract_blocks`].
pub(crate) struct Extracted {
    pub blocks: Vec<Block>,
    pub removed: Vec<Removed>,
}

fn children(nodes: &[Node], n: u32) -> impl Iterator<Item = u32> + '_ {
    let mut c = nodes[n as usize].first_child;
    std::iter::from_fn(move || {
        if c == NONE {
            return None;
        }
        let out = c;
        c = nodes[c as usize].next_sibling;
        Some(out)
    })
}

/// Runs steps 1–4 on a parsed page. `title` lets a heading that repeats it go to `removed`.
pub(crate) fn extract_blocks(dom: &Dom, src: &str, title: Option<&str>) -> Extracted {
    let nodes = &dom.nodes;
    let n = nodes.len();

    let root = dom.body.unwrap_or(0);
    let raw_junk = |i: u32| -> Option<RemovalReason> {
        match nodes[i as usize].hint {
            Hint::Junk(r, _) => Some(r),
            _ => None,
        }
    };

    // 2. Cut into blocks.
    let mut removed: Vec<Removed> = Vec::new();
    let mut cut = Cutter {
        blocks: Vec::new(),
        text: String::with_capacity(1024),
        from: text::Provenance::default(),
        anchors: Vec::new(),
        gap: text::Gap::default(),
        raw_offset: 0,
        owner: 0,
        junk: NONE,
        firm_junk: NONE,
        quote: false,
        link_bytes: 0,
    };
    let mut owners: Vec<u32> = vec![0];
    let mut junks: Vec<u32> = Vec::new();
    let mut firm_junks: Vec<u32> = Vec::new();
    let mut links = 0u32;
    let mut quotes = 0u32;

    let mut node = nodes[0].first_child;
    while node != NONE {
        let nd = &nodes[node as usize];
        let mut descend = true;
        if nd.tag == Tag::Text {
            let raw = src.get(nd.start as usize..nd.end as usize).unwrap_or("");
            let before = cut.text.len();
            text::append_traced(
                &mut cut.text,
                raw,
                nd.start as usize,
                &mut cut.gap,
                &mut cut.from,
            );
            if before == 0 && !cut.text.is_empty() {
                // The first text of a block (white space alone starts none).
                cut.raw_offset = nd.start + leading_space(raw) as u32;
                cut.owner = owners.last().copied().unwrap_or(0);
                cut.junk = junks.last().copied().unwrap_or(NONE);
                cut.firm_junk = firm_junks.last().copied().unwrap_or(NONE);
                cut.quote = quotes > 0;
            }
            if links > 0 {
                cut.link_bytes += (cut.text.len() - before) as u32;
            }
        } else if nd.tag == Tag::Space {
            // What appending white space alone would do.
            cut.gap.open(nd.start as usize);
        } else {
            let reason = raw_junk(node);
            if nd.tag.is_block() || reason.is_some() {
                cut.flush();
            }
            if let Some(r @ (RemovalReason::Markup | RemovalReason::Title)) = reason {
                // Scripts, styles, embeds: one bounded summary, not descended into.
                descend = false;
                let reason = if nd.tag == Tag::Title {
                    RemovalReason::Title
                } else {
                    r
                };
                if let Some(summary) = markup_summary(nodes, node, src, reason) {
                    removed.push(summary);
                }
            } else {
                if nd.tag.is_block() {
                    owners.push(node);
                }
                if reason.is_some() {
                    junks.push(node);
                    if matches!(nd.hint, Hint::Junk(_, Firm::Tag)) {
                        firm_junks.push(node);
                    }
                }
                match nd.tag {
                    Tag::A if is_link(nd, src) => links += 1,
                    Tag::Blockquote => quotes += 1,
                    Tag::Img | Tag::Br | Tag::Hr => cut.gap.open(nd.start as usize),
                    _ => {}
                }
            }
        }
        // Next node in document order, leaving finished elements.
        if descend && nd.first_child != NONE {
            node = nd.first_child;
            continue;
        }
        let mut leaving = node;
        loop {
            let ln = &nodes[leaving as usize];
            let skipped = leaving == node && !descend;
            if !matches!(ln.tag, Tag::Text | Tag::Space) && !skipped {
                let was_junk = raw_junk(leaving).is_some();
                if ln.tag.is_block() || was_junk {
                    cut.flush();
                }
                leave(ln, src, &mut owners, &mut links, &mut quotes);
                if was_junk {
                    junks.pop();
                    if matches!(ln.hint, Hint::Junk(_, Firm::Tag)) {
                        firm_junks.pop();
                    }
                }
            } else if skipped {
                // A skipped element still ends the block it interrupted.
                cut.flush();
            }
            if ln.next_sibling != NONE {
                node = ln.next_sibling;
                break;
            }
            leaving = ln.parent;
            if leaving == NONE || leaving == 0 {
                node = NONE;
                break;
            }
        }
    }
    cut.flush();
    let Cutter {
        mut blocks,
        anchors,
        ..
    } = cut;

    // 3. Weights and the container. First with tag hints only, to overrule attribute hints on
    // elements that hold most of the page's paragraphs; then with the hints that stand.
    let mut vetoed = vec![false; n];
    // With every attribute hint overruled, a block's junk element is its innermost tag-hinted one.
    let firm_only = sum_weights(nodes, &blocks, |b| b.firm_junk == NONE);
    let total = firm_only[root as usize];
    for (i, v) in vetoed.iter_mut().enumerate() {
        if let Hint::Junk(reason, Firm::Attr) = nodes[i].hint {
            *v = total > 0.0 && firm_only[i] >= veto_share(reason) * total;
        }
    }
    veto_hinted_paragraphs(nodes, &firm_only, total, &mut vetoed);
    settle_junk(nodes, &mut blocks, &vetoed);
    // The best paragraph run with tag hints only: when it scores far above everything left
    // outside attribute hints, the hints around it name a wrapper (`paywall`, `modal`, `rail`
    // classes on the article's own frame), not junk, and are overruled up the tree.
    let firm = tally(nodes, &blocks, root, |b| b.firm_junk == NONE);
    let mut hinted = tally(nodes, &blocks, root, |b| b.junk == NONE);
    if firm.best_score > RESCUE_RATIO * hinted.best_score {
        let mut at = firm.best;
        let mut changed = false;
        while at != NONE {
            if let Hint::Junk(reason, Firm::Attr) = nodes[at as usize].hint
                && reason != RemovalReason::Comments
                && !vetoed[at as usize]
            {
                vetoed[at as usize] = true;
                changed = true;
            }
            at = nodes[at as usize].parent;
        }
        if changed {
            settle_junk(nodes, &mut blocks, &vetoed);
            hinted = tally(nodes, &blocks, root, |b| b.junk == NONE);
        }
    }
    let junk_reason = |i: u32, vetoed: &[bool]| -> Option<RemovalReason> {
        match nodes[i as usize].hint {
            Hint::Junk(r, Firm::Tag) => Some(r),
            Hint::Junk(r, Firm::Attr) if !vetoed[i as usize] => Some(r),
            _ => None,
        }
    };
    let Tally {
        weight,
        best: container,
        best_score,
        submax,
    } = hinted;
    let mut in_main = vec![false; n];
    let mark = |top: u32, in_main: &mut Vec<bool>| {
        in_main[top as usize] = true;
        for i in (top as usize + 1)..n {
            let p = nodes[i].parent as usize;
            if p < top as usize {
                break;
            }
            if in_main[p] {
                in_main[i] = true;
            }
        }
    };
    mark(container, &mut in_main);
    restore_unrelated_vetoes(nodes, container, &in_main, &mut vetoed);
    // Siblings of the container (and of its ancestors, MERGE_LEVELS levels up) that hold a
    // paragraph run of their own join it: articles split into sections, or around an ad or a
    // lead, and pages of several stories. A wrapper whose only weighted child is the way up
    // (`<center>`, a one-row table) is not a level.
    let mut cur = container;
    let mut levels = 0;
    while levels < MERGE_LEVELS {
        let parent = nodes[cur as usize].parent;
        if parent == NONE || cur == root {
            break;
        }
        let mut others = false;
        for sib in children(nodes, parent) {
            if sib == cur || weight[sib as usize] <= 0.0 {
                continue;
            }
            others = true;
            if submax[sib as usize] >= MERGE_SHARE * best_score
                && junk_reason(sib, &vetoed).is_none()
            {
                mark(sib, &mut in_main);
            }
        }
        levels += usize::from(others);
        cur = parent;
    }

    if rescue_hinted_frames(
        nodes,
        &in_main,
        &firm_only,
        weight[container as usize],
        &mut vetoed,
    ) {
        settle_junk(nodes, &mut blocks, &vetoed);
    }

    // 4. Keep or remove each block.
    let title_key = title.map(|t| t.trim().to_lowercase());
    let mut kept = Vec::new();
    for b in blocks {
        let owner_tag = nodes[b.owner as usize].tag;
        let reason = if b.junk != NONE {
            junk_reason(b.junk, &vetoed).or(Some(RemovalReason::Boilerplate))
        } else if !in_main[b.owner as usize] {
            Some(if link_share(&b) > 0.5 {
                RemovalReason::Navigation
            } else {
                RemovalReason::Boilerplate
            })
        } else if owner_tag.is_heading()
            && title_key
                .as_deref()
                .is_some_and(|t| same_title(&b.text.trim().to_lowercase(), t))
        {
            Some(RemovalReason::Title)
        } else if link_share(&b) > 0.6 {
            Some(RemovalReason::Teaser)
        } else {
            boilerplate_line(&b.text)
        };
        match reason {
            Some(reason) => removed.push(Removed {
                text: b.text,
                reason,
                raw_offset: b.raw_offset,
            }),
            None => kept.push(Block {
                kind: kind_of(nodes, b.owner, b.quote),
                text: b.text,
                raw_offset: b.raw_offset as usize,
                map: OffsetMap {
                    anchors: anchors[b.anchors.0 as usize..b.anchors.1 as usize].to_vec(),
                },
                references: b.references,
            }),
        }
    }
    removed.sort_by_key(|r| r.raw_offset);
    Extracted {
        blocks: kept,
        removed,
    }
}

/// Bytes of white space at the start of `raw` (ASCII first, cheaply; then any other).
fn leading_space(raw: &str) -> usize {
    let ascii = raw
        .bytes()
        .take_while(|b| matches!(b, b'\t'..=b'\r' | b' '))
        .count();
    raw.len() - raw[ascii..].trim_start().len()
}

/// Whether an element is a link: an `<a>` with an `href`. A named anchor (`<a name="top">`,
/// often left open around a whole page) is not one.
fn is_link(nd: &Node, src: &str) -> bool {
    if nd.tag != Tag::A {
        return false;
    }
    let start_tag = src
        .as_bytes()
        .get(nd.start as usize..nd.end as usize)
        .unwrap_or(b"");
    memchr::memchr2_iter(b'h', b'H', start_tag).any(|at| {
        start_tag
            .get(at..at + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"href"))
    })
}

fn leave(nd: &Node, src: &str, owners: &mut Vec<u32>, links: &mut u32, quotes: &mut u32) {
    if nd.tag.is_block() {
        owners.pop();
    }
    match nd.tag {
        Tag::A if is_link(nd, src) => *links = links.saturating_sub(1),
        Tag::Blockquote => *quotes = quotes.saturating_sub(1),
        _ => {}
    }
}

/// An attribute hint on a wrapper overruled for the share of the page it holds was taken for the
/// article's frame. When the article is found elsewhere (neither inside it nor around it: a live
/// feed in `<aside id="sidebar">` longer than the article), the hint stands again. `inside`
/// marks the container's subtree.
fn restore_unrelated_vetoes(nodes: &[Node], container: u32, inside: &[bool], vetoed: &mut [bool]) {
    let mut around = vec![false; nodes.len()];
    let mut at = container;
    while at != NONE {
        around[at as usize] = true;
        at = nodes[at as usize].parent;
    }
    for (i, node) in nodes.iter().enumerate() {
        // Paragraphs hinted together stay overruled: the article is in several frames.
        let wrapper = node.tag != Tag::P && matches!(node.hint, Hint::Junk(_, Firm::Attr));
        if vetoed[i] && wrapper && !around[i] && !inside[i] {
            vetoed[i] = false;
        }
    }
}

/// The share of the page's paragraph weight at which an attribute hint of `reason` is overruled.
fn veto_share(reason: RemovalReason) -> f64 {
    if reason == RemovalReason::Comments {
        COMMENTS_VETO_SHARE
    } else {
        VETO_SHARE
    }
}

/// Overrules attribute hints on paragraphs themselves when the `<p>` elements hinted for one
/// reason together hold the veto share of the page: a class on every paragraph of the article
/// (`<p class="paywall">`, however many frames the article is split into) names how they are
/// shown, not junk.
fn veto_hinted_paragraphs(nodes: &[Node], firm_only: &[f64], total: f64, vetoed: &mut [bool]) {
    if total <= 0.0 {
        return;
    }
    let hinted = |i: usize| match nodes[i].hint {
        Hint::Junk(reason, Firm::Attr) if nodes[i].tag == Tag::P => Some(reason),
        _ => None,
    };
    let joint = weight_by_reason((0..nodes.len()).filter_map(|i| Some((hinted(i)?, firm_only[i]))));
    for (reason, weight) in joint {
        if weight < veto_share(reason) * total {
            continue;
        }
        for (i, v) in vetoed.iter_mut().enumerate() {
            if hinted(i) == Some(reason) {
                *v = true;
            }
        }
    }
}

/// Inside the article (`in_main`), the attribute-hinted frames of one reason that together hold
/// as much paragraph weight as the article's unhinted text (`own`) are part of it (an article
/// split over `paywalled` frames), unless they are comment threads. Frames inside a frame of
/// their reason are counted with it. Marks them vetoed; `true` when any was.
fn rescue_hinted_frames(
    nodes: &[Node],
    in_main: &[bool],
    firm_only: &[f64],
    own: f64,
    vetoed: &mut [bool],
) -> bool {
    let frame = |i: usize| match nodes[i].hint {
        Hint::Junk(reason, Firm::Attr)
            if in_main[i] && reason != RemovalReason::Comments && !vetoed[i] =>
        {
            Some(reason)
        }
        _ => None,
    };
    let outermost = |i: usize, reason: RemovalReason| {
        let mut at = nodes[i].parent;
        while at != NONE && in_main[at as usize] {
            if frame(at as usize) == Some(reason) {
                return false;
            }
            at = nodes[at as usize].parent;
        }
        true
    };
    let kept: Vec<RemovalReason> = weight_by_reason((0..nodes.len()).filter_map(|i| {
        let reason = frame(i)?;
        outermost(i, reason).then_some((reason, firm_only[i]))
    }))
    .into_iter()
    .filter(|&(_, w)| w > 0.0 && w >= own)
    .map(|(r, _)| r)
    .collect();
    let frames: Vec<usize> = (0..nodes.len())
        .filter(|&i| frame(i).is_some_and(|r| kept.contains(&r)))
        .collect();
    for &i in &frames {
        vetoed[i] = true;
    }
    !frames.is_empty()
}

/// Sums weights by removal reason, in the order the reasons are first met (a handful per page).
fn weight_by_reason(
    items: impl Iterator<Item = (RemovalReason, f64)>,
) -> Vec<(RemovalReason, f64)> {
    let mut joint: Vec<(RemovalReason, f64)> = Vec::new();
    for (reason, weight) in items {
        match joint.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, w)) => *w += weight,
            None => joint.push((reason, weight)),
        }
    }
    joint
}

/// Sets each block's junk element again after hints were `vetoed`.
fn settle_junk(nodes: &[Node], blocks: &mut [RawBlock], vetoed: &[bool]) {
    let is_vetoed = |i: u32| vetoed[i as usize];
    for b in blocks {
        b.junk = effective_junk(nodes, b.junk, &is_vetoed);
    }
}

/// Paragraph weight of every element's subtree, from the blocks that `counts` accepts.
fn sum_weights(
    nodes: &[Node],
    blocks: &[RawBlock],
    counts: impl Fn(&RawBlock) -> bool,
) -> Vec<f64> {
    let mut weight = vec![0f64; nodes.len()];
    for b in blocks {
        if counts(b) {
            weight[b.owner as usize] += block_weight(b);
        }
    }
    for i in (1..nodes.len()).rev() {
        let p = nodes[i].parent as usize;
        weight[p] += weight[i];
    }
    weight
}

/// The innermost junk element from `j` up whose hint stands (tag hints always, attribute hints
/// unless `vetoed`), or [`NONE`].
fn effective_junk(nodes: &[Node], mut j: u32, vetoed: &impl Fn(u32) -> bool) -> u32 {
    while j != NONE {
        match nodes[j as usize].hint {
            Hint::Junk(_, Firm::Tag) => return j,
            Hint::Junk(_, Firm::Attr) if !vetoed(j) => return j,
            _ => {}
        }
        j = nodes[j as usize].parent;
    }
    NONE
}

/// Whether a heading repeats the title (one may be cut or carry a prefix such as "Opinion |").
fn same_title(heading: &str, title: &str) -> bool {
    if heading == title {
        return true;
    }
    let (short, long) = if heading.len() < title.len() {
        (heading, title)
    } else {
        (title, heading)
    };
    short.chars().count() >= 12 && long.contains(short)
}

fn link_share(b: &RawBlock) -> f64 {
    f64::from(b.link_bytes) / f64::from(b.bytes.max(1))
}

fn block_weight(b: &RawBlock) -> f64 {
    let chars = f64::from(b.chars);
    let ld = link_share(b);
    if chars < 25.0 || ld > 0.5 {
        return 0.0;
    }
    chars * (1.0 - ld)
}

/// What [`tally`] finds.
struct Tally {
    /// Paragraph weight of every element's subtree, from the blocks under no junk hint.
    weight: Vec<f64>,
    /// The element that directly holds the most paragraph weight.
    best: u32,
    /// Its score.
    best_score: f64,
    /// Best score within each subtree.
    submax: Vec<f64>,
}

/// Weights and scores of every element from the blocks under no junk hint. The best-scored
/// element follows readability: each block's weight goes to the element holding its paragraph,
/// half to that element's parent and a third to the grandparent, so a run of sibling paragraphs
/// outscores scattered teaser summaries. Subtree sums, scores and maxima are taken in one reverse
/// pass over the arena (children come after their parents).
fn tally(
    nodes: &[Node],
    blocks: &[RawBlock],
    root: u32,
    counts: impl Fn(&RawBlock) -> bool,
) -> Tally {
    let n = nodes.len();
    let mut weight = vec![0f64; n];
    let mut score = vec![0f64; n];
    let mut bytes = vec![0f64; n];
    let mut link_bytes = vec![0f64; n];
    for b in blocks {
        if !counts(b) {
            continue;
        }
        let w = block_weight(b);
        weight[b.owner as usize] += w;
        bytes[b.owner as usize] += f64::from(b.bytes);
        link_bytes[b.owner as usize] += f64::from(b.link_bytes);
        if w <= 0.0 {
            continue;
        }
        let owner = &nodes[b.owner as usize];
        let mut at = if is_paragraph(owner.tag) && owner.parent != NONE {
            owner.parent
        } else {
            b.owner
        };
        for share in [1.0, 0.5, 1.0 / 3.0] {
            if at == NONE {
                break;
            }
            score[at as usize] += w * share;
            at = nodes[at as usize].parent;
        }
    }
    let mut best = root;
    let mut best_score = 0.0;
    // Scores are never negative, so a subtree maximum can start at zero.
    let mut submax = vec![0f64; n];
    for i in (0..n).rev() {
        // Every descendant of `i` has been added in: its sums are final.
        let mut sc = score[i];
        // Link-heavy regions (teaser lists, menus) score less, as in readability.
        if bytes[i] > 0.0 {
            sc *= 1.0 - link_bytes[i] / bytes[i];
        }
        if let Hint::Content = nodes[i].hint {
            sc *= CONTENT_HINT_BONUS;
        }
        // The first element in page order wins a tie.
        if sc > 0.0 && sc >= best_score && weight[i] > 0.0 {
            best = i as u32;
            best_score = sc;
        }
        if sc > submax[i] {
            submax[i] = sc;
        }
        if i > 0 {
            let p = nodes[i].parent as usize;
            weight[p] += weight[i];
            bytes[p] += bytes[i];
            link_bytes[p] += link_bytes[i];
            if submax[i] > submax[p] {
                submax[p] = submax[i];
            }
        }
    }
    Tally {
        weight,
        best,
        best_score,
        submax,
    }
}

fn is_paragraph(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::P | Tag::Li | Tag::Dt | Tag::Dd | Tag::Blockquote | Tag::Pre | Tag::Td
    ) || tag.is_heading()
}

fn kind_of(nodes: &[Node], owner: u32, quote: bool) -> BlockKind {
    let tag = nodes[owner as usize].tag;
    if tag.is_heading() {
        BlockKind::Heading
    } else if matches!(tag, Tag::Li | Tag::Dt | Tag::Dd) {
        BlockKind::ListItem
    } else if quote {
        BlockKind::Quote
    } else if tag == Tag::Pre {
        BlockKind::Preformatted
    } else if tag == Tag::Td {
        BlockKind::TableCell
    } else {
        BlockKind::Paragraph
    }
}

/// Lines that are boilerplate in any article: ad labels and the like, in several languages.
fn boilerplate_line(text: &str) -> Option<RemovalReason> {
    let t = text.trim();
    if t.len() > 40 * 4 || t.chars().nth(40).is_some() {
        return None;
    }
    let l = t.to_lowercase();
    let l = l.trim_matches(|c: char| !c.is_alphanumeric());
    match l {
        "advertisement" | "advertisment" | "advertising" | "ad" | "sponsored" | "anzeige"
        | "werbung" | "publicidad" | "publicité" | "pubblicità" | "reklama" | "реклама"
        | "iklan" => Some(RemovalReason::Spam),
        _ => None,
    }
}

/// A bounded summary of a skipped element (script, style, embed, title).
fn markup_summary(nodes: &[Node], node: u32, src: &str, reason: RemovalReason) -> Option<Removed> {
    let nd = &nodes[node as usize];
    // Raw-text elements have a single text child; others (svg) are summarised by their tag.
    let mut out = String::new();
    let mut offset = nd.start;
    let c = nd.first_child;
    if c != NONE && nodes[c as usize].tag == Tag::Text {
        let t = &nodes[c as usize];
        let raw = src.get(t.start as usize..t.end as usize).unwrap_or("");
        let mut cut = raw.len().min(MARKUP_SUMMARY_CHARS * 8);
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        if reason == RemovalReason::Title {
            text::append(&mut out, raw, &mut text::Gap::default());
        } else {
            // Scripts are not HTML text: collapse white space only, and stop at the bound
            // (an ellipsis says that more followed).
            out.reserve(MARKUP_SUMMARY_CHARS + 16);
            let raw = &raw[..cut];
            let bytes = raw.as_bytes();
            let mut chars = 0;
            let mut space = false;
            let mut i = 0;
            // One pass up to the bound: the text is the words of the (cut) raw text joined by
            // single spaces, and only its first characters are wanted.
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_whitespace() {
                    space = !out.is_empty();
                    i += 1;
                    continue;
                }
                if space && chars < MARKUP_SUMMARY_CHARS {
                    out.push(' ');
                    chars += 1;
                    space = false;
                }
                if chars == MARKUP_SUMMARY_CHARS {
                    out.push('…');
                    break;
                }
                if b.is_ascii() {
                    // A run of visible ASCII, copied whole up to the bound.
                    let room = MARKUP_SUMMARY_CHARS - chars;
                    let run = bytes[i..]
                        .iter()
                        .take(room)
                        .take_while(|c| c.is_ascii() && !c.is_ascii_whitespace())
                        .count();
                    out.push_str(&raw[i..i + run]);
                    chars += run;
                    i += run;
                } else {
                    let c = raw[i..]
                        .chars()
                        .next()
                        .unwrap_or(char::REPLACEMENT_CHARACTER);
                    out.push(c);
                    chars += 1;
                    i += c.len_utf8();
                }
            }
        }
        offset = t.start;
    }
    if out.is_empty() {
        return None;
    }
    Some(Removed {
        text: out,
        reason,
        raw_offset: offset,
    })
}
