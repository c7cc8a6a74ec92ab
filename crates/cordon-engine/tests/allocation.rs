//! Work only for what is returned: scoring one more candidate allocates
//! nothing. Evidence text and explanations are written for the returned
//! results alone, so the allocations of a screening do not grow with the
//! number of candidates it scores.
//!
//! One test in this binary: the counting allocator sees every thread.

use cordon_engine::{
    Country, CountryRole, DateOfBirth, Entity, EntityKind, Gender, Index, PartialDate, Provenance,
    Query, ScreenOptions,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// `n` persons "IVAN PETROV <distinct word>", each with a date of birth,
/// a nationality and a gender, so that every piece of evidence applies.
fn corpus(n: usize) -> Vec<Entity> {
    (0..n)
        .map(|i| {
            let tail: String = format!("{i:04}")
                .bytes()
                .map(|d| char::from(b'k' + (d - b'0')))
                .collect();
            let mut e = Entity::new(
                "t",
                &i.to_string(),
                EntityKind::Person,
                &format!("IVAN PETROV {tail}"),
                Provenance {
                    list: "t".into(),
                    file: "f".into(),
                    line: None,
                },
            );
            e.dates_of_birth.push(DateOfBirth::Exact {
                date: PartialDate::ymd(1970, 1, 2),
            });
            e.countries.push(Country {
                name: "Russia".into(),
                code: Some("RU".into()),
                role: CountryRole::Nationality,
            });
            e.gender = Some(Gender::Male);
            e
        })
        .collect()
}

/// Allocations of one screening (after a warm-up one) and the number of
/// candidates it scored.
fn allocations(ix: &Index, q: &Query) -> (usize, u64) {
    let opts = ScreenOptions {
        limit: 5,
        threshold: 0.76,
    };
    let _ = ix.screen(q, &opts);
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let (results, work) = ix.screen_with_work(q, &opts);
    let after = ALLOCATIONS.load(Ordering::Relaxed);
    assert_eq!(results.len(), 5);
    (after - before, work.candidates_scored)
}

#[test]
fn allocations_do_not_grow_with_the_candidates_scored() {
    let q = Query {
        name: "Ivan Petrov".into(),
        dob: Some(PartialDate::ymd(1970, 1, 2)),
        countries: vec!["RU".into()],
        gender: Some(Gender::Male),
        ..Query::default()
    };
    let small = Index::build(corpus(10));
    let large = Index::build(corpus(60));
    let (a_small, scored_small) = allocations(&small, &q);
    let (a_large, scored_large) = allocations(&large, &q);
    assert!(
        scored_large >= scored_small + 40,
        "{scored_small} vs {scored_large} candidates scored"
    );
    // Per-query buffers may grow once or twice (doubling), never per
    // candidate.
    assert!(
        a_large <= a_small + 6,
        "{a_small} allocations for {scored_small} candidates, {a_large} for {scored_large}"
    );
}
