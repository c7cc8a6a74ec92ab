//! Every loader with a byte entry point (`parse_bytes`): the first input
//! byte picks the loader, the rest is the file.
#![no_main]
use cordon_lists::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let _ = match which % 9 {
        0 => un::parse_bytes("consolidated.xml", bytes),
        1 => eu::parse_bytes("eu_fsf.xml", bytes),
        2 => uk::fcdo::parse_bytes("uk_sanctions_list.xml", bytes),
        3 => uk::ofsi::parse_bytes("conlist.csv", bytes),
        4 => us_csl::parse_bytes("consolidated.csv", bytes),
        5 => bis_dpl::parse_bytes("dpl.txt", bytes),
        6 => opensanctions::parse_bytes("entities.ftm.json", bytes),
        7 => ofac::xml::parse_bytes("sdn.xml", bytes),
        _ => ofac::advanced::parse_bytes("sdn_advanced.xml", bytes),
    };
});
