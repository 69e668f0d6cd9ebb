//! The two charts, drawn as inline SVG with presentation attributes only (the pages' CSP allows
//! no inline style): the story timeline (one lane per story, a mark per article, coloured by
//! language) and a claim's values over time. Both carry a title and a description for screen
//! readers.

// Markup is written as whole lines whose last newline reads best inside the string.
#![allow(clippy::write_with_newline)]

use std::fmt::Write;

use concord_model::{Claim, civil::Date};

use super::escape::{html, push_html};
use super::html::{Depth, story_href};
use super::view::{View, format_number};

/// Stories drawn on the overview's timeline (the largest).
pub(crate) const TIMELINE_STORIES: usize = 30;
/// Marks drawn per lane at most (articles on the same pixel and language share one).
const MARKS_PER_LANE: usize = 400;

const WIDTH: f64 = 960.0;
const LEFT: f64 = 320.0;
const RIGHT: f64 = 20.0;
const LANE: f64 = 24.0;
const TOP: f64 = 34.0;

fn days(date: &str) -> Option<i64> {
    Date::parse_iso(date).map(Date::to_days)
}

fn cut(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// Tick marks for a day range: (day, label).
fn ticks(low: i64, high: i64) -> Vec<(i64, String)> {
    let span = high - low;
    let start = Date::from_days(low);
    let mut out = Vec::new();
    if span > 3 * 365 {
        for year in start.year + 1..=Date::from_days(high).year {
            if let Some(date) = Date::new(year, 1, 1) {
                out.push((date.to_days(), year.to_string()));
            }
        }
    } else if span > 62 {
        let mut date = start.month_start().add_months(1);
        let step = if span > 730 {
            6
        } else if span > 365 {
            3
        } else {
            1
        };
        while date.to_days() <= high {
            out.push((date.to_days(), format!("{}-{:02}", date.year, date.month)));
            date = date.add_months(step);
        }
    } else {
        let step = (span / 6).max(1);
        let mut day = low;
        while day <= high {
            out.push((day, Date::from_days(day).to_string()));
            day += step;
        }
    }
    out
}

/// The overview's timeline, or `None` when no drawn story has a dated article.
pub(crate) fn timeline(view: &View<'_>, depth: Depth) -> Option<String> {
    let stories: Vec<usize> = (0..view.corpus.stories.len().min(TIMELINE_STORIES)).collect();
    let mut low = i64::MAX;
    let mut high = i64::MIN;
    for &idx in &stories {
        for doc in &view.corpus.stories[idx].docs {
            if let Some(day) = view.date_of(*doc).and_then(|(date, _)| days(date)) {
                low = low.min(day);
                high = high.max(day);
            }
        }
    }
    if low > high {
        return None;
    }
    // Marks start a little right of the lane labels.
    let start = LEFT + 12.0;
    let plot = WIDTH - start - RIGHT;
    let x = |day: i64| {
        if high == low {
            start + plot / 2.0
        } else {
            start + (day - low) as f64 / (high - low) as f64 * plot
        }
    };
    // Languages sit on three rows of a lane, so same-day articles in other languages show.
    let rank: std::collections::HashMap<&str, usize> = view
        .languages
        .iter()
        .enumerate()
        .map(|(idx, (lang, _))| (lang.as_str(), idx))
        .collect();
    let height = TOP + LANE * stories.len() as f64 + 8.0;
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"timeline\" role=\"img\" aria-labelledby=\"timeline-title timeline-desc\" \
         viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"timeline-title\">Timeline of the {} largest stories</title>\n\
         <desc id=\"timeline-desc\">One lane per story, from {} to {}; each mark is an article, coloured by its language. \
         The story index below lists the same stories as a table.</desc>\n",
        stories.len(),
        Date::from_days(low),
        Date::from_days(high)
    );
    for (day, label) in ticks(low, high) {
        let tx = x(day);
        let _ = write!(
            out,
            "<line x1=\"{tx:.1}\" y1=\"{:.1}\" x2=\"{tx:.1}\" y2=\"{:.1}\" stroke=\"#dddddd\"/>\
             <text x=\"{tx:.1}\" y=\"20\" font-size=\"11\" text-anchor=\"middle\" fill=\"#333333\">{}</text>\n",
            TOP - 6.0,
            height - 4.0,
            html(&label)
        );
    }
    for (lane, &idx) in stories.iter().enumerate() {
        let story = &view.corpus.stories[idx];
        let y = TOP + LANE * lane as f64 + LANE / 2.0;
        let _ = write!(
            out,
            "<line x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#eeeeee\"/>\
             <a href=\"{}\"><text x=\"4\" y=\"{:.1}\" font-size=\"12\" fill=\"#0b4fa3\">",
            WIDTH - RIGHT,
            html(&story_href(depth, &story.id.to_string())),
            y + 4.0
        );
        push_html(&mut out, &cut(&story.label, 34));
        let _ = write!(out, " ({})</text></a>\n", story.docs.len());
        let mut drawn: Vec<(i64, &str)> = Vec::new();
        for doc in &story.docs {
            let Some((date, inferred)) = view.date_of(*doc) else {
                continue;
            };
            let Some(day) = days(date) else { continue };
            let lang = view.lang_of(*doc);
            let px = x(day);
            let key = (px as i64, lang);
            if drawn.contains(&key) || drawn.len() >= MARKS_PER_LANE {
                continue;
            }
            drawn.push(key);
            let row = rank.get(lang).map_or(0.0, |rank| (rank % 3) as f64 - 1.0);
            let _ = write!(
                out,
                "<circle cx=\"{px:.1}\" cy=\"{:.1}\" r=\"4.5\" fill=\"{}\" stroke=\"#ffffff\"><title>",
                y + row * 5.5,
                view.color(lang)
            );
            push_html(&mut out, date);
            if inferred {
                out.push_str(" (inferred)");
            }
            out.push_str(" · ");
            push_html(&mut out, lang);
            out.push_str(" · ");
            push_html(&mut out, &view.source_name(*doc));
            if let Some(title) = view.docs.get(doc).and_then(|doc| doc.title.as_deref()) {
                out.push_str(" · ");
                push_html(&mut out, &cut(title, 80));
            }
            out.push_str("</title></circle>\n");
        }
    }
    out.push_str("</svg>\n");
    Some(out)
}

/// A small dot in a language's colour, for legends.
pub(crate) fn swatch(color: &str) -> String {
    format!(
        "<svg width=\"12\" height=\"12\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"6\" cy=\"6\" r=\"5\" fill=\"{}\"/></svg>",
        html(color)
    )
}

/// A claim's values over time, when at least two values refer to different dates.
pub(crate) fn claim_chart(claim: &Claim, id: &str) -> Option<String> {
    let mut points: Vec<(i64, f64, &str, &str)> = claim
        .values
        .iter()
        .filter_map(|value| {
            let as_of = value.as_of.as_deref()?;
            let mid = match value.value_max {
                Some(max) => (value.value + max) / 2.0,
                None => value.value,
            };
            Some((days(as_of)?, mid, as_of, value.text.as_str()))
        })
        .collect();
    points.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    if points.len() < 2 || points.first()?.0 == points.last()?.0 {
        return None;
    }
    let (w, h, left, bottom, top, right) = (360.0, 150.0, 70.0, 30.0, 12.0, 16.0);
    let low_day = points.first()?.0;
    let high_day = points.last()?.0;
    let low = points
        .iter()
        .map(|p| p.1)
        .fold(f64::INFINITY, f64::min)
        .min(0.0);
    let high = points.iter().map(|p| p.1).fold(0f64, f64::max).max(1.0);
    let x =
        |day: i64| left + (day - low_day) as f64 / (high_day - low_day) as f64 * (w - left - right);
    let y = |value: f64| top + (1.0 - (value - low) / (high - low)) * (h - top - bottom);
    let summary: Vec<String> = points
        .iter()
        .map(|p| format!("{} on {}", format_number(p.1), p.2))
        .collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-chart-title\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" \
         xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}-chart-title\">Values over time: {}</title>\n\
         <line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{:.1}\" stroke=\"#888888\"/>\
         <line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"#888888\"/>\n\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333333\">{}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333333\">{}</text>\n",
        html(&summary.join(", ")),
        h - bottom,
        h - bottom,
        w - right,
        h - bottom,
        left - 6.0,
        y(high) + 4.0,
        format_number(high),
        left - 6.0,
        y(low) + 4.0,
        format_number(low),
    );
    let _ = write!(
        out,
        "<text x=\"{left}\" y=\"{:.1}\" font-size=\"11\" fill=\"#333333\">{}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#333333\">{}</text>\n",
        h - 10.0,
        html(points[0].2),
        w - right,
        h - 10.0,
        html(points[points.len() - 1].2)
    );
    let line: Vec<String> = points
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1)))
        .collect();
    let _ = writeln!(
        out,
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#0072b2\" stroke-width=\"2\"/>",
        line.join(" ")
    );
    for p in &points {
        let _ = writeln!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"4\" fill=\"#0072b2\"><title>{} ({})</title></circle>",
            x(p.0),
            y(p.1),
            html(p.3),
            html(p.2)
        );
    }
    out.push_str("</svg>\n");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_fit_the_span() {
        let day = |s: &str| days(s).unwrap();
        let months = ticks(day("2021-04-01"), day("2021-12-05"));
        assert_eq!(months.first().map(|t| t.1.as_str()), Some("2021-05"));
        assert_eq!(months.last().map(|t| t.1.as_str()), Some("2021-12"));
        let years = ticks(day("2015-06-01"), day("2021-12-05"));
        assert_eq!(years.len(), 6);
        let short = ticks(day("2021-12-01"), day("2021-12-05"));
        assert!(!short.is_empty() && short.len() <= 6, "{short:?}");
    }
}
