//! Values as intervals, and the verdict that follows from them.
//!
//! - exact: the value, allowing for its rounding (half a unit of its last non-zero digit, at most
//!   5% of it: "94,000" is 93,500 to 94,500, "29" is 28.5 to 29.5); a range is its two ends;
//! - approximate ("about", "sekitar"): 15% either side;
//! - at least ("more than", "mindestens"): the value and up, to [`OPEN_FACTOR`] times it; at most
//!   ("up to"): up to the value, from a [`OPEN_FACTOR`]th of it.
//!
//! Verdicts: `single` (one document), `agree` (every two intervals overlap), `conflict` (two
//! disjoint intervals at the same time: their dates within [`SAME_TIME_DAYS`], or one of them
//! undated and both of one story), `changed` (disjoint only between different dates, and moving in one direction over
//! time: 29 killed by April, 61 by December), else `conflict`. `mt_damage`: the values conflict
//! (or seem to change) as written, and agree once the machine-translation repairs are applied.

use concord_model::{Qualifier, Verdict};

/// Dates this close (in days) are the same time: a count reported on consecutive days.
pub const SAME_TIME_DAYS: i32 = 3;

/// How far an open interval reaches: "more than 13,000" is not a million. News rounds down to a
/// round number, never by an order of magnitude, so "at least 100" against "at least 100,000" is
/// a disagreement, not two true statements.
pub const OPEN_FACTOR: f64 = 3.0;

/// The interval a value with its qualifier stands for.
pub fn interval(value: f64, value_max: Option<f64>, qualifier: Qualifier) -> (f64, f64) {
    let hi = value_max.unwrap_or(value).max(value);
    match qualifier {
        Qualifier::Exact if value_max.is_some() => (value, hi),
        Qualifier::Exact => {
            let half = (rounding(value) / 2.0).min(value.abs() * 0.05).max(0.0);
            (value - half, value + half)
        }
        Qualifier::Approximate => (value * 0.85, hi * 1.15),
        Qualifier::AtLeast => (value, value * OPEN_FACTOR),
        Qualifier::AtMost => (hi / OPEN_FACTOR, hi),
    }
}

/// The place of a value's last non-zero digit (1 for 29, 1000 for 94,000; 1 below 1).
fn rounding(value: f64) -> f64 {
    let mut v = value.abs().round();
    if v < 1.0 || !v.is_finite() {
        return 1.0;
    }
    let mut place = 1.0;
    while v >= 10.0 && v % 10.0 == 0.0 {
        v /= 10.0;
        place *= 10.0;
    }
    place
}

/// One value as the verdict sees it.
#[derive(Clone, Copy, Debug)]
pub struct Valued {
    /// The document (index) it comes from.
    pub doc: usize,
    /// The value.
    pub value: f64,
    /// The upper end of a range.
    pub value_max: Option<f64>,
    /// Its qualifier.
    pub qualifier: Qualifier,
    /// The day it refers to.
    pub as_of: Option<i32>,
    /// The story of its document (undated values of one story are of the same time).
    pub story: u32,
}

impl Valued {
    fn interval(&self) -> (f64, f64) {
        interval(self.value, self.value_max, self.qualifier)
    }

    /// A point for ordering values over time.
    fn level(&self) -> f64 {
        let (lo, hi) = self.interval();
        match (lo.is_finite(), hi.is_finite()) {
            (true, true) => (lo + hi) / 2.0,
            (true, false) => lo,
            (false, _) => hi,
        }
    }
}

fn overlap(a: (f64, f64), b: (f64, f64)) -> bool {
    a.0 <= b.1 && b.0 <= a.1
}

fn same_time(a: &Valued, b: &Valued) -> bool {
    match (a.as_of, b.as_of) {
        (Some(x), Some(y)) => (x - y).abs() <= SAME_TIME_DAYS,
        _ => a.story == b.story,
    }
}

/// The verdict on values (in any order).
pub fn verdict(values: &[Valued]) -> Verdict {
    let first = values.first().map(|v| v.doc);
    if values.iter().all(|v| Some(v.doc) == first) {
        return Verdict::Single;
    }
    let mut apart = false;
    for (i, a) in values.iter().enumerate() {
        for b in &values[i + 1..] {
            if overlap(a.interval(), b.interval()) {
                continue;
            }
            if same_time(a, b) {
                return Verdict::Conflict;
            }
            apart = true;
        }
    }
    if !apart {
        return Verdict::Agree;
    }
    // Disjoint only across dates: a change if the levels move one way over time.
    let mut dated: Vec<(i32, f64)> = values
        .iter()
        .filter_map(|v| v.as_of.map(|d| (d, v.level())))
        .collect();
    dated.sort_by(|x, y| x.0.cmp(&y.0).then(x.1.total_cmp(&y.1)));
    let near = |x: i32, y: i32| (x - y).abs() <= SAME_TIME_DAYS;
    let up = dated
        .windows(2)
        .all(|w| w[1].1 >= w[0].1 || near(w[0].0, w[1].0));
    let down = dated
        .windows(2)
        .all(|w| w[1].1 <= w[0].1 || near(w[0].0, w[1].0));
    if up || down {
        Verdict::Changed
    } else {
        Verdict::Conflict
    }
}

/// The verdict of a claim from its values as written and as repaired.
pub fn judge(written: &[Valued], repaired: &[Valued], any_repaired: bool) -> Verdict {
    let after = verdict(repaired);
    if any_repaired
        && matches!(verdict(written), Verdict::Conflict | Verdict::Changed)
        && matches!(after, Verdict::Agree | Verdict::Single)
    {
        return Verdict::MtDamage;
    }
    after
}
