//! The UN Security Council consolidated XML.
//! Loading must return a list or an error naming the file, never panic,
//! hang or grow memory beyond the reading limits (`cordon_lists::limits`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = cordon_lists::un::parse_bytes("consolidated.xml", data);
});
