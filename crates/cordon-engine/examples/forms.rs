//! Prints the normalised readings of each argument: `cargo run --example forms -- NAME...`
fn main() {
    for a in std::env::args().skip(1) {
        let t = std::time::Instant::now();
        let forms = cordon_engine::normalize::name_forms(&a);
        let el = t.elapsed();
        println!("{a} ({} forms, {:?})", forms.len(), el);
        for f in forms {
            let s: Vec<String> = f
                .tokens
                .iter()
                .map(|t| format!("{}/{:?}", t.text, t.role))
                .collect();
            println!("  {}", s.join(" "));
        }
    }
}
