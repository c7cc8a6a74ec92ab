//! The goods data files a user can give with `--goods-data` (HS
//! nomenclature, control list, route rules) and a shipment read from JSON
//! or YAML as `cordon shipment` reads it, then screened against the
//! embedded goods data and the repository's sample SDN list; or free text
//! looked up as `cordon goods` does. The first byte picks the parser.
//! Every path must end in a value or a typed error, never a panic.
#![no_main]
use cordon_goods::{
    screen_shipment, ControlList, GoodsCatalog, Nomenclature, RouteRules, Shipment,
};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn catalog() -> Option<&'static GoodsCatalog> {
    static CATALOG: OnceLock<Option<GoodsCatalog>> = OnceLock::new();
    CATALOG.get_or_init(|| GoodsCatalog::embedded().ok()).as_ref()
}

fn index() -> &'static cordon_engine::Index {
    static INDEX: OnceLock<cordon_engine::Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../data/sample/sdn.csv");
        let entities = cordon_lists::ofac::load(
            cordon_lists::ListFormat::OfacSdn,
            std::path::Path::new(sample),
        )
        .map(|l| l.entities)
        .unwrap_or_default();
        cordon_engine::Index::build(entities)
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(bytes);
    match which % 6 {
        0 => drop(Nomenclature::parse("hs_nomenclature_2022.csv", &text)),
        1 => drop(ControlList::parse("chpl.csv", &text)),
        2 => drop(RouteRules::parse("route_rules.csv", &text)),
        5 => {
            if let Some(goods) = catalog() {
                let _ = goods.lookup(&text, 10);
            }
        }
        n => {
            let shipment: Option<Shipment> = if n == 3 {
                serde_json::from_str(&text).ok()
            } else {
                serde_norway::from_str(&text).ok()
            };
            if let (Some(s), Some(goods)) = (shipment, catalog()) {
                let _ = screen_shipment(index(), &s, goods, &Default::default());
            }
        }
    }
});
