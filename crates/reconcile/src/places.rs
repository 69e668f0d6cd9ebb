//! GeoNames references of places: the committed place table (`data/gazetteers/places.tsv.gz`,
//! built by `cargo xtask train gazetteer` from Debian's libgeonames0 and libgeonames-common: every
//! city of 15,000 people or more, with its names in concord's languages) looked up by name.
//!
//! A name several cities share is the most populous one's ("Moscow" is Moscow, Russia, not
//! Moscow, Idaho). Country names are not in the table, so a country keeps no reference.

use std::collections::HashMap;
use std::io::Read;
use std::sync::OnceLock;

use concord_model::GeoRef;

use crate::fold::latin;

const BUILTIN: &[u8] = include_bytes!("../../../data/gazetteers/places.tsv.gz");

/// Places by folded name ([`latin`]), each with its population.
#[derive(Debug, Default)]
pub struct Places {
    by_name: HashMap<String, (GeoRef, u32)>,
}

impl Places {
    /// Reads a table of `id<TAB>lat<TAB>lon<TAB>population<TAB>name|name` lines; lines that do not
    /// parse are skipped.
    pub fn parse(text: &str) -> Places {
        let mut by_name: HashMap<String, (GeoRef, u32)> = HashMap::new();
        for line in text.lines() {
            let mut cols = line.split('\t');
            let (Some(id), Some(lat), Some(lon), Some(population), Some(names)) = (
                cols.next().and_then(|c| c.parse().ok()),
                cols.next().and_then(|c| c.parse().ok()),
                cols.next().and_then(|c| c.parse().ok()),
                cols.next().and_then(|c| c.parse::<u32>().ok()),
                cols.next(),
            ) else {
                continue;
            };
            let geo = GeoRef { id, lat, lon };
            for name in names.split('|') {
                let key = latin(name);
                if key.is_empty() {
                    continue;
                }
                let entry = by_name.entry(key).or_insert((geo, population));
                // The most populous city takes the name; on a tie, the smaller id.
                if (population, std::cmp::Reverse(id)) > (entry.1, std::cmp::Reverse(entry.0.id)) {
                    *entry = (geo, population);
                }
            }
        }
        Places { by_name }
    }

    /// The committed table, read once per process (empty if it were broken, which a test rules
    /// out).
    pub fn builtin() -> &'static Places {
        static PLACES: OnceLock<Places> = OnceLock::new();
        PLACES.get_or_init(|| {
            let mut text = String::new();
            match flate2::read::GzDecoder::new(BUILTIN).read_to_string(&mut text) {
                Ok(_) => Places::parse(&text),
                Err(_) => Places::default(),
            }
        })
    }

    /// The reference of the first of `names` the table knows.
    pub fn find<'a>(&self, names: impl IntoIterator<Item = &'a str>) -> Option<GeoRef> {
        names
            .into_iter()
            .find_map(|n| self.by_name.get(&latin(n)).map(|e| e.0))
    }

    /// How many names the table knows.
    pub fn len(&self) -> usize {
        self.by_name.len()
    }

    /// Whether the table knows no name.
    pub fn is_empty(&self) -> bool {
        self.by_name.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_table_knows_cities_in_their_languages() {
        let places = Places::builtin();
        assert!(places.len() > 30_000, "{}", places.len());
        let kyiv = places.find(["Kyiv"]).expect("Kyiv");
        assert_eq!(places.find(["Київ"]), Some(kyiv));
        assert_eq!(places.find(["Kijów"]), Some(kyiv));
        assert!((kyiv.lat - 50.45).abs() < 0.1 && (kyiv.lon - 30.52).abs() < 0.1);
        // Moscow, Russia, not Moscow, Idaho.
        let moscow = places.find(["Moskau"]).expect("Moskau");
        assert_eq!(places.find(["Moscow"]), Some(moscow));
        assert!(moscow.lon > 30.0);
        // Countries have no reference.
        assert_eq!(places.find(["Ukraine"]), None);
        assert_eq!(places.find(["Lebanon"]), None);
    }

    #[test]
    fn the_most_populous_city_takes_a_shared_name() {
        let places = Places::parse(
            "5601538\t46.7324\t-117.0002\t25060\tMoscow\n\
             524901\t55.7522\t37.6156\t10381222\tMoscow|Moskau\n\
             bad line\n",
        );
        assert_eq!(places.find(["Moscow"]).map(|g| g.id), Some(524_901));
        assert_eq!(
            places.find(["nowhere", "moskau"]).map(|g| g.id),
            Some(524_901)
        );
        assert_eq!(places.find(["nowhere"]), None);
    }
}
