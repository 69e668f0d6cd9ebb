//! Blocking: which pairs of documents reconcile scores.
//!
//! Every document posts its blocking keys: the hash of its clean text (exact copies), its LSH
//! band keys (near copies) and its name keys (stories, translations). The documents posted under
//! one key give candidate pairs ([`key_pairs`]), a function of that key's postings alone; a pair
//! given only by names needs a second name ([`named_candidates`]), a function of that pair's
//! occurrences alone. So keys can be grouped anywhere: in one fold ([`candidates`], as
//! [`crate::analysis::analyse`] does), or at the process that owns each key in a cluster run, with
//! the same pairs.
//!
//! Members are anything ordered the way document ids are: the index of a digest in the fold's
//! id-sorted list, or the [`concord_model::DocId`] itself across processes.

use concord_model::DocDigest;

use crate::{ReconcileConfig, minhash};

/// The kind of a blocking key (keys of two kinds never meet).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Block {
    /// The XXH3 of the clean text.
    Text,
    /// A MinHash LSH band.
    Band,
    /// A name key.
    Name,
}

impl Block {
    /// All kinds, in order (their index is their wire code).
    pub const ALL: [Block; 3] = [Block::Text, Block::Band, Block::Name];
}

/// One document under one key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Posting<T> {
    /// The key's kind.
    pub block: Block,
    /// The key.
    pub key: u64,
    /// The document.
    pub member: T,
    /// Its publish day (declared, or decided from its own text), `i32::MAX` when unknown: a long
    /// name list pairs neighbours in date order.
    pub day: i32,
}

/// A candidate pair, the smaller member first.
pub type Pair<T> = (T, T);

/// Adds `digest`'s postings, as `member` published on `day`, to `out`.
pub fn postings<T: Copy>(
    digest: &DocDigest,
    member: T,
    day: Option<i32>,
    out: &mut Vec<Posting<T>>,
) {
    let day = day.unwrap_or(i32::MAX);
    let post = |block, key| Posting {
        block,
        key,
        member,
        day,
    };
    if digest.text_len > 0 {
        out.push(post(Block::Text, digest.text_hash));
    }
    if !digest.signature.is_empty() {
        out.extend(
            minhash::bands(&digest.signature)
                .into_iter()
                .map(|key| post(Block::Band, key)),
        );
    }
    out.extend(
        digest
            .names
            .iter()
            .map(|name| post(Block::Name, u64::from(name.key))),
    );
}

/// The pairs of one key's postings (`members` sorted by member, with their days): exact copies
/// chained in id order, every pair of a short LSH bucket (a long one: a star and a chain), and
/// for names, every pair of a short list or each member with its next
/// [`ReconcileConfig::block_window`] in (day, member) order. Name pairs go to `named`, the others
/// to `direct`.
pub fn key_pairs<T: Copy + Ord>(
    config: &ReconcileConfig,
    block: Block,
    members: &mut [(T, i32)],
    direct: &mut Vec<Pair<T>>,
    named: &mut Vec<Pair<T>>,
) {
    if members.len() < 2 {
        return;
    }
    let cap = config.block_max as usize;
    match block {
        Block::Text => direct.extend(members.windows(2).map(|w| (w[0].0, w[1].0))),
        Block::Band if members.len() <= cap => all_pairs(members, direct),
        Block::Band => {
            for k in 1..members.len() {
                direct.push((members[0].0, members[k].0));
                direct.push((members[k - 1].0, members[k].0));
            }
        }
        Block::Name if members.len() <= cap => all_pairs(members, named),
        Block::Name => {
            members.sort_by_key(|&(member, day)| (day, member));
            let window = config.block_window as usize;
            for k in 0..members.len() {
                let x = members[k].0;
                for &(y, _) in members.iter().skip(k + 1).take(window) {
                    named.push((x.min(y), x.max(y)));
                }
            }
        }
    }
}

fn all_pairs<T: Copy + Ord>(members: &[(T, i32)], pairs: &mut Vec<Pair<T>>) {
    for (k, &(x, _)) in members.iter().enumerate() {
        for &(y, _) in &members[k + 1..] {
            pairs.push((x.min(y), x.max(y)));
        }
    }
}

/// The pairs of `postings` grouped by key (sorted here), as [`key_pairs`] gives them.
pub fn grouped_pairs<T: Copy + Ord>(
    config: &ReconcileConfig,
    postings: &mut [Posting<T>],
    direct: &mut Vec<Pair<T>>,
    named: &mut Vec<Pair<T>>,
) {
    postings.sort_unstable();
    let mut members: Vec<(T, i32)> = Vec::new();
    for run in postings.chunk_by(|x, y| (x.block, x.key) == (y.block, y.key)) {
        members.clear();
        members.extend(run.iter().map(|p| (p.member, p.day)));
        key_pairs(config, run[0].block, &mut members, direct, named);
    }
}

/// The name pairs given by two names or more (one name alone is a coincidence more often than a
/// story, and the pairs it would add cost more than anything else), each once, sorted.
pub fn named_candidates<T: Copy + Ord>(named: &mut [Pair<T>], out: &mut Vec<Pair<T>>) {
    named.sort_unstable();
    out.extend(
        named
            .chunk_by(|x, y| x == y)
            .filter(|run| run.len() >= 2)
            .map(|run| run[0]),
    );
}

/// Where name pairs are counted in two steps (the owners of the keys, then the owners of the
/// pairs): moves the pairs `named` holds twice or more to `candidates` and leaves the others in
/// `named`, once each. A pair two names give is then either a candidate here or left here and at
/// another key owner, so [`named_candidates`] over what every owner left finds the rest.
pub fn count_named<T: Copy + Ord>(named: &mut Vec<Pair<T>>, candidates: &mut Vec<Pair<T>>) {
    named.sort_unstable();
    let mut single = Vec::new();
    for run in named.chunk_by(|x, y| x == y) {
        match run.len() {
            1 => single.push(run[0]),
            _ => candidates.push(run[0]),
        }
    }
    *named = single;
}

/// Every candidate pair of `postings`, sorted and unique.
pub fn candidates<T: Copy + Ord>(
    config: &ReconcileConfig,
    mut postings: Vec<Posting<T>>,
) -> Vec<Pair<T>> {
    let (mut pairs, mut named) = (Vec::new(), Vec::new());
    grouped_pairs(config, &mut postings, &mut pairs, &mut named);
    drop(postings);
    named_candidates(&mut named, &mut pairs);
    drop(named);
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(block: Block, key: u64, member: u32, day: i32) -> Posting<u32> {
        Posting {
            block,
            key,
            member,
            day,
        }
    }

    #[test]
    fn one_name_is_not_enough() {
        let config = ReconcileConfig::recommended();
        let postings = vec![
            post(Block::Name, 7, 1, 0),
            post(Block::Name, 7, 2, 0),
            post(Block::Name, 8, 2, 0),
            post(Block::Name, 8, 1, 0),
            post(Block::Name, 9, 3, 0),
            post(Block::Name, 9, 1, 0),
            // The same number under another kind of key is another key.
            post(Block::Text, 9, 4, 0),
        ];
        assert_eq!(candidates(&config, postings), vec![(1, 2)]);
    }

    #[test]
    fn keys_grouped_apart_give_the_same_pairs() {
        let config = ReconcileConfig {
            block_max: 3,
            block_window: 1,
            ..ReconcileConfig::recommended()
        };
        let mut postings = Vec::new();
        for member in 0..40u32 {
            for key in 0..12u64 {
                // Some members under each key, some pairs under two names of one owner.
                if (u64::from(member) * 7 + key * key) % 5 < 3 {
                    let block = Block::ALL[(key % 3) as usize];
                    postings.push(post(block, key, member, (member % 7) as i32));
                }
            }
        }
        let whole = candidates(&config, postings.clone());
        // Keys split over two owners, their name pairs over two others by pair.
        let (mut direct, mut named) = (Vec::new(), Vec::new());
        for owner in 0..2 {
            let mut mine: Vec<_> = postings
                .iter()
                .copied()
                .filter(|p| p.key % 2 == owner)
                .collect();
            let mut owned = Vec::new();
            grouped_pairs(&config, &mut mine, &mut direct, &mut owned);
            count_named(&mut owned, &mut direct);
            named.extend(owned);
        }
        let mut split = direct;
        for owner in 0..2 {
            let mut mine: Vec<_> = named.iter().copied().filter(|p| p.0 % 2 == owner).collect();
            named_candidates(&mut mine, &mut split);
        }
        split.sort_unstable();
        split.dedup();
        assert!(!whole.is_empty());
        assert_eq!(split, whole);
    }
}
