//! Discovery's file-name rule and date reader.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let name = String::from_utf8_lossy(data);
    let _ = cordon_lists::format_of_name(&name);
    if let Some(d) = cordon_lists::date_in_name(&name) {
        assert!(d.year >= 1990 && d.month <= 12 && d.day <= 31);
        let _ = d.to_string();
    }
});
