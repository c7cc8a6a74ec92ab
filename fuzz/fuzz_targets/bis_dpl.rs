//! The BIS Denied Persons List (tab-separated).
//! Loading must return a list or an error naming the file, never panic,
//! hang or grow memory beyond the reading limits (`cordon_lists::limits`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = cordon_lists::bis_dpl::parse_bytes("dpl.txt", data);
});
