//! Topics: stories linked by a kept story edge that did not join them (too far apart in time, or
//! just under the story threshold). A running count ("soldiers killed this year") and a statement
//! quoted again weeks later span the stories of one topic.

use concord_model::Story;

use crate::analysis::Analysis;
use crate::unionfind::UnionFind;

/// A story edge from this score links two stories into one topic (a kept edge is at least half
/// the story threshold).
const TOPIC_FACTOR: f32 = 0.5;

/// Each document's story (index into `stories`) and topic. A document in no story has a topic of
/// its own; a topic is named by one of its stories' indices, so equal numbers mean one topic.
pub struct Topics {
    /// Document index → story index (`u32::MAX`: none).
    pub story_of: Vec<u32>,
    /// Document index → topic.
    pub topic_of: Vec<u32>,
}

/// The topics of the analysed documents.
pub fn topics(analysis: &Analysis, stories: &[Story]) -> Topics {
    let docs = &analysis.docs;
    let mut story_of: Vec<u32> = vec![u32::MAX; docs.len()];
    for (s, story) in stories.iter().enumerate() {
        for id in &story.docs {
            if let Ok(i) = docs.binary_search_by_key(id, |d| d.id) {
                story_of[i] = s as u32;
            }
        }
    }
    let mut uf = UnionFind::new(stories.len());
    let min = analysis.config.story_min * TOPIC_FACTOR;
    for e in &analysis.edges {
        let (a, b) = (story_of[e.a as usize], story_of[e.b as usize]);
        if a != u32::MAX && b != u32::MAX && a != b && e.story >= min {
            uf.union(a, b);
        }
    }
    let topic_of = story_of
        .iter()
        .enumerate()
        .map(|(i, &s)| match s {
            u32::MAX => u32::MAX - i as u32,
            s => uf.find(s),
        })
        .collect();
    Topics { story_of, topic_of }
}
