//! The place table: GeoNames cities with their ids, coordinates and names in concord's languages,
//! so that reconcile can give a place entity its GeoNames reference (`cargo xtask train
//! gazetteer` writes it beside the gazetteer).
//!
//! Debian's `libgeonames0` carries GeoNames' `cities15000` (every city of 15,000 people or more,
//! about 24,000) compiled into the library as a zlib-compressed GVariant array of
//! `(id, name, admin1, state, country code, country, time zone, population, latitude,
//! longitude)` records, and `libgeonames-common` the cities' names in 190 languages as gettext
//! catalogues keyed by GeoNames id. The table keeps each city's English name and its names in
//! [`super::GAZETTEER_LANGS`], leaving out names that are also a country's (CLDR's territory
//! names: "Lebanon" is a country before it is a town in Pennsylvania).
//!
//! `data/gazetteers/places.tsv.gz` holds one `id<TAB>lat<TAB>lon<TAB>population<TAB>name|name`
//! line per city, sorted by id.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::eval::EvalError;

/// The fewest records a stream of the library must hold to be the cities array.
const MIN_CITIES: usize = 10_000;

/// The default table path, `data/gazetteers/places.tsv.gz`.
pub fn default_path() -> PathBuf {
    crate::models_dir().join("../gazetteers/places.tsv.gz")
}

/// One city of the library.
#[derive(Clone, Debug, PartialEq)]
pub struct City {
    /// GeoNames id.
    pub id: u64,
    /// English name.
    pub name: String,
    /// Inhabitants.
    pub population: u32,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
}

/// What a table build read and wrote.
#[derive(Debug)]
pub struct PlacesSummary {
    /// Cities in the table.
    pub cities: usize,
    /// Names over all cities.
    pub names: usize,
    /// Names left out because a country has them.
    pub country_names_left_out: usize,
    /// Size of the compressed file in bytes.
    pub bytes: usize,
}

fn format_err(path: &Path, message: impl Into<String>) -> EvalError {
    EvalError::Format {
        path: path.to_owned(),
        message: message.into(),
    }
}

/// `libgeonames.so.0` under `lib` (`/usr/lib`, in its multiarch folder or directly).
pub fn find_library(lib: &Path) -> Option<PathBuf> {
    let direct = lib.join("libgeonames.so.0");
    if direct.exists() {
        return Some(direct);
    }
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(lib)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|d| d.join("libgeonames.so.0"))
        .find(|p| p.exists())
}

/// The cities compiled into the library at `path`: the first zlib stream of the file that
/// parses as the cities array.
pub fn read_library(path: &Path) -> Result<Vec<City>, EvalError> {
    let bytes = std::fs::read(path).map_err(|source| EvalError::Io {
        path: path.to_owned(),
        source,
    })?;
    for at in 0..bytes.len().saturating_sub(2) {
        // A zlib header: deflate, 32K window, a valid check value.
        let (cmf, flg) = (bytes[at], bytes[at + 1]);
        if cmf != 0x78 || (u16::from(cmf) << 8 | u16::from(flg)) % 31 != 0 {
            continue;
        }
        let mut out = Vec::new();
        let mut decoder = flate2::read::ZlibDecoder::new(&bytes[at..]);
        if decoder.read_to_end(&mut out).is_err() || out.len() < 1 << 20 {
            continue;
        }
        if let Some(cities) = parse_cities(&out).filter(|c| c.len() >= MIN_CITIES) {
            return Ok(cities);
        }
    }
    Err(format_err(
        path,
        "no GeoNames cities array in this library (is it libgeonames0 0.3?)",
    ))
}

/// A serialized GVariant array of variable-size records: the end offset of each record, as the
/// array's framing table at its end gives them.
fn record_ends(data: &[u8]) -> Option<Vec<usize>> {
    let size = match data.len() {
        0..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xffff_ffff => 4,
        _ => 8,
    };
    let word = |at: usize| -> Option<usize> {
        let b = data.get(at..at + size)?;
        let mut v = 0usize;
        for (i, &x) in b.iter().enumerate() {
            v |= usize::from(x) << (8 * i);
        }
        Some(v)
    };
    let table = word(data.len().checked_sub(size)?)?;
    let n = data.len().checked_sub(table)? / size;
    (0..n).map(|k| word(table + k * size)).collect()
}

/// The records of the cities array (`None` when the bytes are not one).
fn parse_cities(data: &[u8]) -> Option<Vec<City>> {
    let ends = record_ends(data)?;
    let mut cities = Vec::with_capacity(ends.len());
    let mut start = 0usize;
    for end in ends {
        cities.push(parse_city(data.get(start..end)?)?);
        start = end.next_multiple_of(8);
    }
    Some(cities)
}

/// One `(sssssssudd)` record: seven NUL-terminated strings, then the population (aligned to 4)
/// and the two coordinates (aligned to 8), offsets relative to the record's start.
fn parse_city(record: &[u8]) -> Option<City> {
    let mut strings = Vec::with_capacity(7);
    let mut at = 0;
    for _ in 0..7 {
        let len = record.get(at..)?.iter().position(|&b| b == 0)?;
        strings.push(std::str::from_utf8(&record[at..at + len]).ok()?);
        at += len + 1;
    }
    at = at.next_multiple_of(4);
    let population = u32::from_le_bytes(record.get(at..at + 4)?.try_into().ok()?);
    at = (at + 4).next_multiple_of(8);
    let lat = f64::from_le_bytes(record.get(at..at + 8)?.try_into().ok()?);
    let lon = f64::from_le_bytes(record.get(at + 8..at + 16)?.try_into().ok()?);
    let id: u64 = strings[0].parse().ok()?;
    let plausible = (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon);
    plausible.then(|| City {
        id,
        name: strings[1].to_owned(),
        population,
        lat,
        lon,
    })
}

/// A name in Latin letters, lowercase, without accents, to compare it with country names
/// across scripts ("Лебанон", a town in Oregon, is read as "lebanon").
fn folded(name: &str) -> String {
    concord_reconcile::mt::fold_word(name)
}

/// Writes the place table `out` from the cities of `library`, the gettext catalogues and the
/// CLDR territory names under `share` (`/usr/share`).
pub fn build(share: &Path, library: &Path, out: &Path) -> Result<PlacesSummary, EvalError> {
    let cities = read_library(library)?;
    let mut names: BTreeMap<u64, BTreeSet<String>> = cities
        .iter()
        .map(|c| (c.id, BTreeSet::from([c.name.clone()])))
        .collect();
    let mut countries: BTreeSet<String> = BTreeSet::new();
    for lang in super::GAZETTEER_LANGS {
        let cldr = share.join(format!("unicode/cldr/common/main/{lang}.xml"));
        for (_, name) in super::cldr_territories(&cldr)? {
            countries.insert(folded(&name));
        }
        let catalogue = share.join(format!("locale/{lang}/LC_MESSAGES/geonames.mo"));
        if !catalogue.exists() {
            continue;
        }
        for (id, name) in super::read_mo(&catalogue)? {
            // The table's separators cannot be part of a name.
            if name.contains(['\t', '\n', '|']) {
                continue;
            }
            if let Some(set) = id.parse::<u64>().ok().and_then(|id| names.get_mut(&id)) {
                set.insert(name);
            }
        }
    }
    let mut text = String::new();
    let (mut kept, mut left_out) = (0, 0);
    let mut by_id: Vec<&City> = cities.iter().collect();
    by_id.sort_by_key(|c| c.id);
    by_id.dedup_by_key(|c| c.id);
    for city in by_id {
        let own: Vec<&str> = names[&city.id]
            .iter()
            .filter(|n| {
                let country = countries.contains(&folded(n));
                left_out += usize::from(country);
                !country && n.chars().count() >= 2
            })
            .map(String::as_str)
            .collect();
        if own.is_empty() {
            continue;
        }
        kept += own.len();
        let _ = writeln!(
            text,
            "{}\t{:.4}\t{:.4}\t{}\t{}",
            city.id,
            city.lat,
            city.lon,
            city.population,
            own.join("|")
        );
    }
    let bytes = super::write_gzip(out, &text)?;
    Ok(PlacesSummary {
        cities: text.lines().count(),
        names: kept,
        country_names_left_out: left_out,
        bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One serialized record as GVariant lays out `(sssssssudd)`.
    fn record(id: &str, name: &str, population: u32, lat: f64, lon: f64) -> Vec<u8> {
        let mut r = Vec::new();
        let mut ends = Vec::new();
        for s in [
            id,
            name,
            "07",
            name,
            "ZA",
            "South Africa",
            "Africa/Johannesburg",
        ] {
            r.extend_from_slice(s.as_bytes());
            r.push(0);
            ends.push(r.len() as u8);
        }
        while r.len() % 4 != 0 {
            r.push(0);
        }
        r.extend_from_slice(&population.to_le_bytes());
        while r.len() % 8 != 0 {
            r.push(0);
        }
        r.extend_from_slice(&lat.to_le_bytes());
        r.extend_from_slice(&lon.to_le_bytes());
        ends.reverse();
        r.extend_from_slice(&ends);
        r
    }

    #[test]
    fn a_gvariant_array_of_cities_reads() {
        let mut data = Vec::new();
        let mut ends: Vec<u32> = Vec::new();
        for (id, name, pop, lat, lon) in [
            ("1007311", "Durban", 3_120_282, -29.8579, 31.0292),
            ("1018725", "Bloemfontein", 463_064, -29.1211, 26.214),
        ] {
            while data.len() % 8 != 0 {
                data.push(0);
            }
            data.extend_from_slice(&record(id, name, pop, lat, lon));
            ends.push(data.len() as u32);
        }
        // Pad so that the array needs 4-byte offsets, as the library's does.
        let filler = 0x1_0000 - data.len();
        let last = ends.len() - 1;
        data.extend(std::iter::repeat_n(0u8, filler));
        ends[last] += filler as u32;
        for e in &ends {
            data.extend_from_slice(&e.to_le_bytes());
        }
        let cities = parse_cities(&data).expect("parses");
        assert_eq!(cities.len(), 2);
        assert_eq!(cities[0].id, 1_007_311);
        assert_eq!(cities[0].name, "Durban");
        assert_eq!(cities[0].population, 3_120_282);
        assert!((cities[1].lat + 29.1211).abs() < 1e-9 && (cities[1].lon - 26.214).abs() < 1e-9);
        assert!(parse_cities(b"not an array").is_none());
    }
}
