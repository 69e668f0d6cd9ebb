//! Publish dates inferred where a document declares none.
//!
//! The only clue used is a weekday with a day and month but no year ("Thursday (December 2nd)"):
//! the years in the configured range where that day falls on that weekday are the candidates
//! (about one in seven years). A year named in the text picks one of them; failing that, the
//! publish dates of the other articles of its story pick the candidate within the story's time
//! window. When nothing decides, the date stays null and the candidates are reported.

use concord_model::civil::Date;
use concord_model::{DocDigest, InferredDate, SpanRef};

use crate::digest::{days, iso};

/// What is known of one document's publish date.
#[derive(Clone, Debug, PartialEq)]
pub struct DateKnowledge {
    /// The publish date (declared, or inferred and decided), as days since 1970-01-01.
    pub day: Option<i32>,
    /// The inference, for documents without a declared date but with a clue.
    pub inferred: Option<InferredDate>,
}

/// The candidate days of a weekday-day-month clue within `years`.
pub fn candidates(
    month: u8,
    day: u8,
    weekday: u8,
    years: std::ops::RangeInclusive<i32>,
) -> Vec<i32> {
    years
        .filter_map(|year| Date::new(year, month, day))
        .filter(|date| date.weekday() == weekday)
        .map(|date| date.to_days() as i32)
        .collect()
}

/// Infers from the document alone: a declared date, or a clue decided by a year named in the text.
pub fn from_text(digest: &DocDigest, years: std::ops::RangeInclusive<i32>) -> DateKnowledge {
    if let Some(day) = digest.published {
        return DateKnowledge {
            day: Some(day),
            inferred: None,
        };
    }
    let Some(clue) = &digest.clue else {
        return DateKnowledge {
            day: None,
            inferred: None,
        };
    };
    let found = candidates(clue.month, clue.day, clue.weekday, years);
    let named: Vec<_> = digest
        .years
        .iter()
        .filter(|named| {
            found
                .iter()
                .any(|&c| Date::from_days(i64::from(c)).year == named.year)
        })
        .collect();
    let mut evidence = vec![SpanRef {
        doc: digest.id,
        span: clue.span,
    }];
    let day = match named.as_slice() {
        [one] => {
            evidence.push(SpanRef {
                doc: digest.id,
                span: one.span,
            });
            found
                .iter()
                .copied()
                .find(|&c| Date::from_days(i64::from(c)).year == one.year)
        }
        _ => None,
    };
    DateKnowledge {
        day,
        inferred: Some(InferredDate {
            date: day.map(iso),
            candidates: found.iter().copied().map(iso).collect(),
            evidence,
        }),
    }
}

/// Decides an undecided inference with the dates of the other articles of its story: the one
/// candidate within `window` days of a member's date. Returns the chosen day.
pub fn from_story(known: &mut DateKnowledge, story_days: &[i32], window: i32) -> Option<i32> {
    let inferred = known.inferred.as_mut()?;
    if inferred.date.is_some() || story_days.is_empty() {
        return None;
    }
    let close: Vec<i32> = inferred
        .candidates
        .iter()
        .filter_map(|c| days(c))
        .filter(|&c| story_days.iter().any(|&d| (d - c).abs() <= window))
        .collect();
    match close.as_slice() {
        [one] => {
            inferred.date = Some(iso(*one));
            known.day = Some(*one);
            Some(*one)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_candidates(month: u8, day: u8, weekday: u8, expected: &[&str]) {
        let got: Vec<String> = candidates(month, day, weekday, 1990..=2030)
            .into_iter()
            .map(iso)
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn weekday_day_month_narrows_the_year() {
        // "Thursday (December 2nd)": the years of the issue.
        check_candidates(
            12,
            2,
            3,
            &[
                "1993-12-02",
                "1999-12-02",
                "2004-12-02",
                "2010-12-02",
                "2021-12-02",
                "2027-12-02",
            ],
        );
        // "Montag, 29. Februar": leap years only.
        check_candidates(2, 29, 0, &["2016-02-29"]);
    }

    #[test]
    fn the_story_decides_within_its_window() {
        let mut known = DateKnowledge {
            day: None,
            inferred: Some(InferredDate {
                date: None,
                candidates: vec!["2010-12-02".into(), "2021-12-02".into()],
                evidence: vec![],
            }),
        };
        assert_eq!(
            from_story(&mut known, &[days("2022-03-01").unwrap()], 14),
            None
        );
        let chosen = from_story(&mut known, &[days("2021-12-05").unwrap()], 14);
        assert_eq!(chosen.map(iso).as_deref(), Some("2021-12-02"));
        assert_eq!(known.inferred.unwrap().date.as_deref(), Some("2021-12-02"));
    }
}
