//! OFAC's free-text Remarks parser.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = cordon_lists::ofac::remarks::parse_remarks(&text);
    let _ = cordon_lists::ofac::remarks::parse_remarks_with(&text, true);
    let _ = cordon_lists::dates::parse_date_statement(&text);
    let _ = cordon_lists::ofac::programs::split_programs(&text);
});
