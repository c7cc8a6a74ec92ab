//! The register, runs and alerts on hand-made lists (no files): what a
//! delta run screens, that it raises what a full run raises, four-eyes
//! review, remembered decisions, delisting, crash recovery and the schema
//! guard. Every test runs against each backend: `on_sqlite::*` always,
//! `on_postgres::*` with the `postgres` feature and
//! `CORDON_TEST_POSTGRES_URL` (a database of its own per test; see
//! `tests/postgres/run.sh`).

use cordon_engine::{
    DateOfBirth, Entity, EntityKind, Index, Name, NameType, PartialDate, Provenance,
};
use cordon_monitor::input::InputFormat;
use cordon_monitor::*;

fn ent(id: &str, kind: EntityKind, names: &[&str], dob: Option<PartialDate>) -> Entity {
    let mut e = Entity::new(
        "test",
        id,
        kind,
        names[0],
        Provenance {
            list: "test".into(),
            file: "t.csv".into(),
            line: None,
        },
    );
    e.names
        .extend(names[1..].iter().map(|n| Name::new(*n, NameType::Aka)));
    if let Some(date) = dob {
        e.dates_of_birth.push(DateOfBirth::Exact { date });
    }
    e.programs.push("TEST".into());
    e
}

/// The three test entries among 400 unrelated ones, so that word
/// rarities are those of a real list (in a list of three, every word is
/// common and no name carries enough information to match).
fn base_list() -> Vec<Entity> {
    let mut v: Vec<Entity> = (0..400)
        .map(|i| {
            let name = format!("QZX{i}VAR WYK{i}ORN");
            ent(&format!("f{i}"), EntityKind::Person, &[name.as_str()], None)
        })
        .collect();
    v.extend([
        ent(
            "1",
            EntityKind::Person,
            &["VOLKOV, Dmitri Sergeyevich"],
            Some(PartialDate::ymd(1970, 5, 4)),
        ),
        ent(
            "2",
            EntityKind::Organization,
            &["NORTHERN LIGHT SHIPPING LLC"],
            None,
        ),
        ent("3", EntityKind::Person, &["HADDAD, Karim"], None),
    ]);
    v
}

const REGISTER: &str = "id,name,kind,dob,country,id_number
c1,Dmitri Volkov,person,,,
c2,Northern Light Shipping,organization,,,
c3,Jane Example,person,1980-01-01,GB,
c4,Karim Haddad,person,,,
c5,Olga Petrenko,person,,,
";

fn import_text(
    store: &mut dyn MonitorStore,
    text: &str,
    replace: bool,
) -> (ImportReport, Vec<String>) {
    let mut errors = Vec::new();
    let r = import(
        store,
        text.as_bytes(),
        &ImportFile {
            format: InputFormat::Csv,
            name: "reg.csv",
            today: cordon_engine::PartialDate::ymd(2026, 12, 1),
        },
        replace,
        &mut |e| errors.push(e.to_string()),
        &mut |_| {},
    )
    .unwrap();
    (r, errors)
}

fn run_on(store: &mut dyn MonitorStore, list: Vec<Entity>, full: bool) -> RunReport {
    let index = Index::build(list);
    run(
        store,
        &index,
        "snap",
        &RunOptions {
            full,
            threshold: 0.76,
        },
        &|_| {},
    )
    .unwrap()
}

fn pairs(alerts: &[Alert]) -> Vec<(String, String)> {
    let mut v: Vec<_> = alerts
        .iter()
        .map(|a| (a.customer_id.clone(), a.entity_id.clone()))
        .collect();
    v.sort();
    v
}

fn alert_of(alerts: &[Alert], customer: &str) -> i64 {
    alerts
        .iter()
        .find(|a| a.customer_id == customer)
        .unwrap_or_else(|| panic!("an alert for {customer}: {:?}", pairs(alerts)))
        .id
}

/// A backend under test: one fresh, empty store per test, opened (and
/// re-opened) through its target as the CLI opens it.
trait Backend {
    fn target(&self) -> StoreTarget;
    /// Marks the store's schema as written by a newer cordon.
    fn bump_schema(&self);
    /// Makes the store look as schema version 1 left it (no search keys).
    fn back_to_schema_1(&self);
    /// Another fresh store of the same kind.
    fn another(&self) -> Box<dyn Backend>;

    fn open(&self) -> BoxStore {
        self.target().open().unwrap()
    }
}

struct Sqlite(tempfile::TempDir);

impl Sqlite {
    fn new() -> Sqlite {
        Sqlite(tempfile::tempdir().unwrap())
    }
}

impl Backend for Sqlite {
    fn target(&self) -> StoreTarget {
        StoreTarget::Sqlite(self.0.path().join("m.sqlite"))
    }

    fn bump_schema(&self) {
        let c = rusqlite::Connection::open(self.0.path().join("m.sqlite")).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }

    fn back_to_schema_1(&self) {
        let c = rusqlite::Connection::open(self.0.path().join("m.sqlite")).unwrap();
        c.execute_batch(
            "DROP TABLE customer_keys; DROP TABLE register_words; DROP TABLE word_keys;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }

    fn another(&self) -> Box<dyn Backend> {
        Box::new(Sqlite::new())
    }
}

/// A database of its own on the server `CORDON_TEST_POSTGRES_URL` names,
/// dropped at the end.
#[cfg(feature = "postgres")]
struct Pg {
    base: String,
    db: String,
    url: String,
}

#[cfg(feature = "postgres")]
impl Pg {
    fn new() -> Option<Pg> {
        static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let Ok(base) = std::env::var("CORDON_TEST_POSTGRES_URL") else {
            eprintln!("skipping: CORDON_TEST_POSTGRES_URL not set (tests/postgres/run.sh sets it)");
            return None;
        };
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let db = format!("cordon_monitor_t{}_{n}", std::process::id());
        let mut c = postgres::Client::connect(&base, postgres::NoTls)
            .expect("connecting to CORDON_TEST_POSTGRES_URL");
        c.batch_execute(&format!("DROP DATABASE IF EXISTS {db}"))
            .unwrap();
        c.batch_execute(&format!("CREATE DATABASE {db}")).unwrap();
        let mut u = url::Url::parse(&base).unwrap();
        u.set_path(&db);
        Some(Pg {
            base,
            db,
            url: u.to_string(),
        })
    }
}

#[cfg(feature = "postgres")]
impl Backend for Pg {
    fn target(&self) -> StoreTarget {
        StoreTarget::parse(&self.url)
    }

    fn bump_schema(&self) {
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        c.execute(
            &format!("UPDATE {PG_SCHEMA}.monitor_schema SET version = version + 1"),
            &[],
        )
        .unwrap();
    }

    fn back_to_schema_1(&self) {
        let mut c = postgres::Client::connect(&self.url, postgres::NoTls).unwrap();
        c.batch_execute(&format!(
            "SET search_path TO {PG_SCHEMA};
             DROP TABLE customer_keys; DROP TABLE register_words; DROP TABLE word_keys;
             UPDATE monitor_schema SET version = 1;"
        ))
        .unwrap();
    }

    fn another(&self) -> Box<dyn Backend> {
        Box::new(Pg::new().expect("CORDON_TEST_POSTGRES_URL is set"))
    }
}

#[cfg(feature = "postgres")]
impl Drop for Pg {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.base, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.db));
        }
    }
}

/// Every behaviour test, once per backend: `on_sqlite::NAME` and
/// `on_postgres::NAME` (skipped, saying why, without
/// `CORDON_TEST_POSTGRES_URL` or the `postgres` feature).
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(#[test]
            fn $name() {
                super::$name(&super::Sqlite::new());
            })*
        }
        mod on_postgres {
            $(#[test]
            fn $name() {
                #[cfg(feature = "postgres")]
                if let Some(b) = super::Pg::new() {
                    super::$name(&b);
                }
                #[cfg(not(feature = "postgres"))]
                eprintln!(
                    "skipping: built without the `postgres` feature \
                     (cargo test -p cordon-monitor --features postgres)"
                );
            })*
        }
    };
}

on_both!(
    import_versions_and_replace,
    bulk_import_streams_and_counts_every_change,
    delta_runs_screen_only_changes_and_match_a_full_run,
    remembered_false_positive_reopens_on_a_list_change,
    four_eyes_and_a_decision_remembered_until_the_customer_changes,
    delisted_then_listed_again,
    alert_filters_and_paging,
    a_run_killed_before_commit_is_redone,
    a_run_taken_over_writes_nothing,
    schema_guard_and_missing_store,
    delta_equals_full_on_a_varied_register,
    an_old_register_gets_its_search_keys,
    a_nul_in_an_id_is_a_bad_line,
);

/// Runs from two processes on one PostgreSQL store (two replicas of
/// `cordon serve`, each running after its reload) take turns: while one
/// replica's run is under way, the other's waits for it instead of taking
/// it over — the first commits, and the second starts from its outcome
/// (a delta run that finds nothing new left to raise).
#[cfg(feature = "postgres")]
#[test]
fn runs_from_two_replicas_take_turns_on_postgres() {
    let Some(b) = Pg::new() else { return };
    let mut first = b.open();
    import_text(first.as_mut(), REGISTER, false);
    // Replica one is mid-run: it holds the claim and has recorded its start.
    first.claim_runs().unwrap();
    let start = RunStart {
        snapshot: "snap".into(),
        previous_snapshot: None,
        mode: Mode::Full,
        matcher: matcher_version(),
        threshold: 0.76,
        lists: vec!["test".into()],
        customer_seq: first.customer_seq().unwrap(),
    };
    let run_id = first.begin_run(&start).unwrap();
    // Replica two's run, meanwhile.
    let mut second = b.open();
    let other = std::thread::spawn(move || {
        let r = run_on(second.as_mut(), base_list(), false);
        (r, second)
    });
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(!other.is_finished(), "the second run waits for the first");
    let hit = Hit {
        customer_id: "c1".into(),
        customer_version: 1,
        entity_id: "test:1".into(),
        list: "test".into(),
        entity_fp: "fp".into(),
        score: 0.9,
        explanation: serde_json::json!({}),
        why: "full screening".into(),
    };
    let done = first
        .commit_run(RunCommit {
            run_id,
            snapshot: "snap".into(),
            prints: vec![],
            removed: vec![],
            hits: vec![hit],
            customers_screened: 5,
            list_entities_screened: 0,
            seconds: 0.1,
        })
        .expect("the first run is not taken over");
    assert_eq!(pairs(&done.new), vec![("c1".into(), "test:1".into())]);
    first.release_runs().unwrap();
    let (r, second) = other.join().unwrap();
    assert_eq!(
        r.previous_snapshot.as_deref(),
        Some("snap"),
        "it followed the first"
    );
    assert_eq!(r.mode, Mode::Delta);
    assert_eq!(
        pairs(&r.new_alerts),
        vec![
            ("c2".into(), "test:2".into()),
            ("c4".into(), "test:3".into())
        ],
        "the first run's alert is not raised twice"
    );
    let all = second.alerts(&AlertFilter::default()).unwrap();
    assert_eq!(all.len(), 3, "{:?}", pairs(&all));
    // A claim dies with its connection (a killed replica blocks nobody).
    let mut third = b.open();
    third.claim_runs().unwrap();
    drop(third);
    run_on(b.open().as_mut(), base_list(), false);
}

/// PostgreSQL text cannot hold a NUL character: an id with one is a bad
/// line (file:line) on both backends, the rest of the file goes in, and a
/// `--replace` import removes nobody (the line might name a customer).
fn a_nul_in_an_id_is_a_bad_line(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    let text = "id,name\nc1,Dmitri Volkov\nx\0y,Somebody Else\nc7,Ann Ex\0ample\n";
    let (r, errors) = import_text(s.as_mut(), text, true);
    assert_eq!(errors, ["reg.csv:3: field id: contains a NUL character"]);
    assert_eq!((r.stats.added, r.stats.errors, r.stats.removed), (1, 1, 0));
    assert!(r.replace_skipped);
    assert_eq!(
        s.customer("c7").unwrap().unwrap().record.name,
        "Ann Ex\0ample"
    );
    assert_eq!(s.customer_count().unwrap(), 6);
}

fn import_versions_and_replace(b: &dyn Backend) {
    let mut s = b.open();
    let (r, errors) = import_text(s.as_mut(), REGISTER, false);
    assert_eq!(r.stats.added, 5);
    assert!(errors.is_empty());
    // Same file: nothing changes; a changed DOB makes version 2; a bad
    // line is reported with its line and skipped.
    let text = REGISTER.replace(
        "c3,Jane Example,person,1980-01-01",
        "c3,Jane Example,person,1981-01-01",
    ) + "c6,,person,,,\n";
    let (r, errors) = import_text(s.as_mut(), &text, false);
    assert_eq!(
        (r.stats.added, r.stats.changed, r.stats.unchanged),
        (0, 1, 4)
    );
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("reg.csv:7: the query has neither a name nor an identifier"),
        "{errors:?}"
    );
    let c3 = s.customer("c3").unwrap().unwrap();
    assert_eq!(c3.version, 2);
    assert_eq!(
        s.customer_version("c3", 1)
            .unwrap()
            .unwrap()
            .changes(&c3.record),
        vec!["dob"]
    );
    // --replace: customers the file does not name are removed; the one on
    // a bad line with a readable id is kept.
    let (r, _) = import_text(s.as_mut(), "id,name\nc1,Dmitri Volkov\nc5,\n", true);
    assert_eq!(r.stats.removed, 3);
    assert!(s.customer("c5").unwrap().is_some());
    assert!(s.customer("c2").unwrap().is_none());
    assert_eq!(s.customer_count().unwrap(), 2);
    // A removed customer imported again comes back at its version.
    let (r, _) = import_text(
        s.as_mut(),
        "id,name,kind\nc2,Northern Light Shipping,organization\n",
        false,
    );
    assert_eq!((r.stats.added, r.stats.changed), (1, 0));
    assert_eq!(s.customer("c2").unwrap().unwrap().version, 1);
}

/// More customers than one import chunk and one fetch of the register; an
/// id twice in one chunk; the change counter across imports and removals.
fn bulk_import_streams_and_counts_every_change(b: &dyn Backend) {
    let mut s = b.open();
    let mut text = String::from("id,name,kind,dob,country,id_number\n");
    for i in 0..12_345 {
        text.push_str(&format!("k{i},Person Number{i} Example,person,,,\n"));
    }
    // k7 again in the same chunk with another name: its second version.
    text.push_str("k7,Someone Else Entirely,person,,,\n");
    let (r, errors) = import_text(s.as_mut(), &text, false);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((r.stats.added, r.stats.changed), (12_345, 1));
    let k7 = s.customer("k7").unwrap().unwrap();
    assert_eq!(k7.version, 2);
    assert_eq!(k7.record.name, "Someone Else Entirely");
    assert_eq!(
        s.customer_version("k7", 1).unwrap().unwrap().name,
        "Person Number7 Example"
    );
    assert_eq!(s.customer_seq().unwrap(), 12_346);
    let mut seen = std::collections::HashSet::new();
    s.for_each_customer(&mut |c| {
        assert!(seen.insert(c.id.clone()), "{} twice", c.id);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen.len(), 12_345);
    assert_eq!(s.customer_count().unwrap(), 12_345);
    // The changes after a counter value, up to another.
    let changed = s.customers_changed(12_000, 12_010).unwrap();
    assert_eq!(changed.len(), 10);
    // The same file again: k7 flips to its first name and back (two new
    // versions, as the lines say), the rest is unchanged; a --replace with
    // a tenth of it removes the rest, each removal a change.
    let (r, _) = import_text(s.as_mut(), &text, false);
    assert_eq!(
        (r.stats.added, r.stats.changed, r.stats.unchanged),
        (0, 2, 12_344)
    );
    assert_eq!(s.customer("k7").unwrap().unwrap().version, 4);
    assert_eq!(s.customer_seq().unwrap(), 12_348);
    let tenth: String = text.lines().take(1_235).map(|l| format!("{l}\n")).collect();
    let (r, _) = import_text(s.as_mut(), &tenth, true);
    assert_eq!(r.stats.removed, 12_345 - 1_234);
    assert_eq!(s.customer_count().unwrap(), 1_234);
    // k7's line in the tenth is its first name: one more version.
    assert_eq!(s.customer_seq().unwrap(), 12_348 + 1 + 12_345 - 1_234);
}

fn delta_runs_screen_only_changes_and_match_a_full_run(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    let r1 = run_on(s.as_mut(), base_list(), false);
    assert_eq!(r1.mode, Mode::Full);
    assert_eq!(
        pairs(&r1.new_alerts),
        vec![
            ("c1".into(), "test:1".into()),
            ("c2".into(), "test:2".into()),
            ("c4".into(), "test:3".into())
        ]
    );
    // One entity added, one changed (a new alias), one removed.
    let mut next = base_list();
    next.retain(|e| e.id != "test:3");
    let nls = next.iter_mut().find(|e| e.id == "test:2").unwrap();
    nls.names.push(Name::new("NLS TRADING", NameType::Aka));
    next.push(ent("4", EntityKind::Person, &["PETRENKO, Olga"], None));
    let r2 = run_on(s.as_mut(), next.clone(), false);
    assert_eq!(r2.mode, Mode::Delta);
    assert_eq!(r2.customers_screened, 0);
    assert_eq!(r2.list_entities_screened, 2);
    assert_eq!(pairs(&r2.new_alerts), vec![("c5".into(), "test:4".into())]);
    assert_eq!(r2.new_alerts[0].reason, "list entry added");
    assert_eq!(
        pairs(&r2.delisted_alerts),
        vec![("c4".into(), "test:3".into())]
    );
    assert_eq!(r2.delisted_alerts[0].status, Status::Delisted);
    assert_eq!(
        r2.delisted_alerts[0].reason,
        "list entry removed from test (snapshot snap)"
    );
    // A full run now raises nothing new: the delta run found it all.
    let r3 = run_on(s.as_mut(), next, true);
    assert!(r3.new_alerts.is_empty(), "{:?}", pairs(&r3.new_alerts));
}

fn remembered_false_positive_reopens_on_a_list_change(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    let r1 = run_on(s.as_mut(), base_list(), false);
    let a = alert_of(&r1.new_alerts, "c1");
    s.set_four_eyes(false, "admin").unwrap();
    let d = s
        .decide(a, Verdict::FalsePositive, "alice", "other DOB")
        .unwrap();
    assert_eq!(d.status, Status::FalsePositive);
    // Same data, full run: kept closed.
    let r2 = run_on(s.as_mut(), base_list(), true);
    assert!(r2.reopened_alerts.is_empty() && r2.new_alerts.is_empty());
    assert_eq!(r2.remembered, 1);
    // The list entry gets a new alias: re-opened, saying so.
    let mut next = base_list();
    let volkov = next.iter_mut().find(|e| e.id == "test:1").unwrap();
    volkov.names.push(Name::new("VOLKOV, Dima", NameType::Aka));
    let r3 = run_on(s.as_mut(), next, false);
    assert_eq!(r3.reopened_alerts.len(), 1);
    let re = &r3.reopened_alerts[0];
    assert_eq!(re.id, a);
    assert_eq!(re.status, Status::Open);
    assert_eq!(re.reason, "list entry changed: new alias 'VOLKOV, Dima'");
    assert_eq!(re.decisions.len(), 1);
}

fn four_eyes_and_a_decision_remembered_until_the_customer_changes(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    let r1 = run_on(s.as_mut(), base_list(), false);
    let a = alert_of(&r1.new_alerts, "c1");
    assert!(s.four_eyes().unwrap(), "four-eyes is on by default");
    let why = "different person: other nationality";
    let d = s.decide(a, Verdict::FalsePositive, "alice", why).unwrap();
    assert_eq!(d.status, Status::PendingReview);
    let e = s
        .decide(a, Verdict::FalsePositive, " Alice ", why)
        .unwrap_err();
    assert!(
        e.to_string().contains("different reviewer must confirm"),
        "{e}"
    );
    let e = s.decide(a, Verdict::FalsePositive, "bob", " ").unwrap_err();
    assert!(e.to_string().contains("--reason"), "{e}");
    let e = s
        .decide(a, Verdict::FalsePositive, "bob", "a\0b")
        .unwrap_err();
    assert!(e.to_string().contains("--reason: contains a NUL"), "{e}");
    let e = s
        .decide(a, Verdict::FalsePositive, "b\0b", why)
        .unwrap_err();
    assert!(e.to_string().contains("--by: contains a NUL"), "{e}");
    assert!(matches!(
        s.decide(999_999, Verdict::FalsePositive, "bob", why),
        Err(MonitorError::NoAlert(999_999))
    ));
    // Bob disagrees: his verdict now waits for someone else; alice agrees.
    let d = s
        .decide(a, Verdict::TrueMatch, "bob", "same passport")
        .unwrap();
    assert_eq!(d.status, Status::PendingReview);
    let d = s.decide(a, Verdict::TrueMatch, "alice", "agreed").unwrap();
    assert_eq!(d.status, Status::TrueMatch);
    let outcomes: Vec<(Verdict, &str, Status)> = d
        .decisions
        .iter()
        .map(|x| (x.decision, x.by.as_str(), x.outcome))
        .collect();
    assert_eq!(
        outcomes,
        vec![
            (Verdict::FalsePositive, "alice", Status::PendingReview),
            (Verdict::TrueMatch, "bob", Status::PendingReview),
            (Verdict::TrueMatch, "alice", Status::TrueMatch),
        ]
    );
    let e = s.decide(a, Verdict::Escalate, "carol", "late").unwrap_err();
    assert!(e.to_string().contains("is true_match"), "{e}");
    // An escalation needs no second reviewer.
    let esc = alert_of(&r1.new_alerts, "c2");
    let d = s.decide(esc, Verdict::Escalate, "carol", "unsure").unwrap();
    assert_eq!(d.status, Status::Escalated);
    // Runs on the same data keep the decision; the customer's DOB changes:
    // the alert re-opens (round 2) and says why, its decisions kept.
    let r2 = run_on(s.as_mut(), base_list(), true);
    assert_eq!(r2.remembered, 1);
    assert!(r2.reopened_alerts.is_empty());
    let (r, _) = import_text(
        s.as_mut(),
        &REGISTER.replace(
            "c1,Dmitri Volkov,person,,",
            "c1,Dmitri Volkov,person,1970-05-04,",
        ),
        false,
    );
    assert_eq!(r.stats.changed, 1);
    let r3 = run_on(s.as_mut(), base_list(), false);
    assert_eq!(r3.customers_screened, 1);
    assert_eq!(
        pairs(&r3.reopened_alerts),
        vec![("c1".into(), "test:1".into())]
    );
    let re = &r3.reopened_alerts[0];
    assert_eq!(
        (re.id, re.status, re.customer_version),
        (a, Status::Open, 2)
    );
    assert_eq!(re.reason, "customer changed: dob");
    assert_eq!(re.decisions.len(), 3);
    // A first decision of round 2 waits for its own second reviewer: the
    // round-1 decisions do not count.
    let d = s
        .decide(a, Verdict::FalsePositive, "bob", "DOB differs")
        .unwrap();
    assert_eq!(d.status, Status::PendingReview);
    assert_eq!(d.decisions.last().map(|x| x.round), Some(2));
}

fn delisted_then_listed_again(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    let r1 = run_on(s.as_mut(), base_list(), false);
    let haddad = alert_of(&r1.new_alerts, "c4");
    let mut without = base_list();
    without.retain(|e| e.id != "test:3");
    let r2 = run_on(s.as_mut(), without, false);
    assert_eq!(r2.delisted_alerts.len(), 1);
    assert_eq!(s.alert(haddad).unwrap().status, Status::Delisted);
    // Listed again, with a new alias: the same alert re-opens.
    let mut again = base_list();
    let h = again.iter_mut().find(|e| e.id == "test:3").unwrap();
    h.names.push(Name::new("HADDAD, K.", NameType::Aka));
    let r3 = run_on(s.as_mut(), again, false);
    assert!(r3.new_alerts.is_empty(), "{:?}", pairs(&r3.new_alerts));
    assert_eq!(r3.reopened_alerts.len(), 1);
    let re = &r3.reopened_alerts[0];
    assert_eq!((re.id, re.status), (haddad, Status::Open));
    assert!(
        re.reason
            .starts_with("list entry listed again; list entry changed"),
        "{}",
        re.reason
    );
}

fn alert_filters_and_paging(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    let r1 = run_on(s.as_mut(), base_list(), false);
    s.set_four_eyes(false, "admin").unwrap();
    let a = alert_of(&r1.new_alerts, "c2");
    s.decide(a, Verdict::TrueMatch, "alice", "same company")
        .unwrap();
    let all = s.alerts(&AlertFilter::default()).unwrap();
    assert_eq!(all.len(), 3);
    for w in all.windows(2) {
        assert!(w[0].score >= w[1].score, "sorted by score");
    }
    let open = s
        .alerts(&AlertFilter {
            status: Some(Status::Open),
            ..AlertFilter::default()
        })
        .unwrap();
    assert_eq!(
        pairs(&open),
        vec![
            ("c1".into(), "test:1".into()),
            ("c4".into(), "test:3".into())
        ]
    );
    let by_customer = s
        .alerts(&AlertFilter {
            customer_id: Some("c2".into()),
            ..AlertFilter::default()
        })
        .unwrap();
    assert_eq!(by_customer.len(), 1);
    assert_eq!(by_customer[0].decisions.len(), 1);
    let by_entity = s
        .alerts(&AlertFilter {
            entity_id: Some("test:3".into()),
            status: Some(Status::TrueMatch),
            ..AlertFilter::default()
        })
        .unwrap();
    assert!(by_entity.is_empty());
    let page: Vec<i64> = (0..3)
        .flat_map(|i| {
            s.alerts(&AlertFilter {
                limit: Some(1),
                offset: i,
                ..AlertFilter::default()
            })
            .unwrap()
        })
        .map(|a| a.id)
        .collect();
    assert_eq!(page, all.iter().map(|a| a.id).collect::<Vec<_>>());
    assert_eq!(s.alert(a).unwrap(), by_customer[0]);
    assert!(matches!(
        s.alert(424_242),
        Err(MonitorError::NoAlert(424_242))
    ));
}

fn a_run_killed_before_commit_is_redone(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    run_on(s.as_mut(), base_list(), false);
    let mut next = base_list();
    next.push(ent("4", EntityKind::Person, &["PETRENKO, Olga"], None));
    // A run that recorded its start and died: nothing else written.
    s.begin_run(&RunStart {
        snapshot: "snap".into(),
        previous_snapshot: Some("snap".into()),
        mode: Mode::Delta,
        matcher: matcher_version(),
        threshold: 0.76,
        lists: vec!["test".into()],
        customer_seq: s.customer_seq().unwrap(),
    })
    .unwrap();
    drop(s);
    let mut s = b.open();
    let r = run_on(s.as_mut(), next, false);
    assert_eq!(r.mode, Mode::Delta);
    assert_eq!(pairs(&r.new_alerts), vec![("c5".into(), "test:4".into())]);
}

/// Two runs at once: the later one takes over, and the earlier one's
/// commit is refused without writing anything.
fn a_run_taken_over_writes_nothing(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    let start = RunStart {
        snapshot: "snap".into(),
        previous_snapshot: None,
        mode: Mode::Full,
        matcher: matcher_version(),
        threshold: 0.76,
        lists: vec!["test".into()],
        customer_seq: s.customer_seq().unwrap(),
    };
    let first = s.begin_run(&start).unwrap();
    let mut other = b.open();
    other.begin_run(&start).unwrap();
    let hit = Hit {
        customer_id: "c1".into(),
        customer_version: 1,
        entity_id: "test:1".into(),
        list: "test".into(),
        entity_fp: "fp".into(),
        score: 0.9,
        explanation: serde_json::json!({}),
        why: "full screening".into(),
    };
    let e = s
        .commit_run(RunCommit {
            run_id: first,
            snapshot: "snap".into(),
            prints: vec![],
            removed: vec![],
            hits: vec![hit],
            customers_screened: 5,
            list_entities_screened: 1,
            seconds: 0.1,
        })
        .unwrap_err();
    assert!(e.to_string().contains("taken over by a later run"), "{e}");
    assert!(s.alerts(&AlertFilter::default()).unwrap().is_empty());
    assert!(s.last_run().unwrap().is_none());
}

fn schema_guard_and_missing_store(b: &dyn Backend) {
    let e = b.target().open_existing().err().expect("no store yet");
    assert!(
        e.to_string().contains("import a customer register first"),
        "{e}"
    );
    drop(b.open());
    drop(b.target().open_existing().unwrap());
    b.bump_schema();
    let e = b.target().open().err().expect("a newer schema");
    assert!(
        e.to_string().contains("newer than this cordon knows"),
        "{e}"
    );
}

/// List entries added by the next list of [`delta_equals_full_on_a_varied_register`].
const NEW_ENTRIES: &[(&str, EntityKind, &str)] = &[
    ("n1", EntityKind::Person, "LABIN, Viktor Gennadyevich"),
    (
        "n2",
        EntityKind::Person,
        "AL-HASHIMI, Muhammad Abd al-Rahman",
    ),
    ("n3", EntityKind::Person, "HAQQANI, Sirajuddin"),
    ("n4", EntityKind::Person, "KOVALCHUK, Yuriy Valentinovich"),
    ("n5", EntityKind::Person, "ABU BAKR, Ahmad"),
    ("n6", EntityKind::Person, "GARCIA LOPEZ, Jose Luis"),
    ("n7", EntityKind::Person, "NASRALLAH, Hassan"),
    ("n8", EntityKind::Person, "O'BRIEN, Sean Patrick"),
    ("n9", EntityKind::Organization, "SEVEROMUYSKIY TONNEL 2 LLC"),
    ("n10", EntityKind::Organization, "QODS AVIATION INDUSTRIES"),
    ("n11", EntityKind::Organization, "GAZPROMBANK JSC"),
    (
        "n12",
        EntityKind::Organization,
        "NORTHERN STAR SHIPPING CO LTD",
    ),
    ("n13", EntityKind::Organization, "AL-NOOR EXCHANGE COMPANY"),
    ("n14", EntityKind::Organization, "TECHNOPROMEXPORT OOO"),
];

/// Spellings of `name` a register may hold: as listed, reordered, a word
/// left out, typos, a sound-alike, words joined or split, a shortened
/// word.
fn variants(name: &str) -> Vec<String> {
    let words: Vec<String> = name
        .replace([',', '-'], " ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let mut out = vec![name.to_string(), words.join(" ")];
    let mut rev = words.clone();
    rev.reverse();
    out.push(rev.join(" "));
    if words.len() > 2 {
        out.push(format!("{} {}", words[1], words[0]));
        out.push(words[..words.len() - 1].join(" "));
    }
    for (i, w) in words.iter().enumerate() {
        let edit = |f: &dyn Fn(&str) -> String| {
            let mut v = words.clone();
            v[i] = f(w);
            v.join(" ")
        };
        if w.len() >= 5 {
            out.push(edit(&|w| format!("{}{}", &w[..2], &w[3..])));
            out.push(edit(&|w| format!("{}x{}", &w[..3], &w[4..])));
            out.push(edit(&|w| w[..w.len() - 2].to_string()));
            out.push(edit(&|w| {
                format!("{}{}", &w[..w.len() / 2], &w[w.len() / 2..].to_lowercase())
            }));
        }
        if w.len() >= 4 {
            out.push(edit(&|w| format!("{} {}", &w[..2], &w[2..])));
        }
    }
    if words.len() >= 2 {
        out.push(format!("{}{} {}", words[0], words[1], words[2..].join(" ")));
    }
    out.push(
        name.replace("Yuriy", "Yury")
            .replace("Muhammad", "Mohammed"),
    );
    out.sort();
    out.dedup();
    out
}

/// A register built from the variants of the new entries' names (persons,
/// organisations and customers of unknown kind), some with the entry's
/// identifier under another name, among unrelated customers.
fn varied_register() -> String {
    let mut csv = String::from("id,name,kind,dob,country,id_number\n");
    let mut n = 0;
    for (_, kind, name) in NEW_ENTRIES {
        for (i, v) in variants(name).into_iter().enumerate() {
            n += 1;
            let k = match (i % 3, kind) {
                (0, _) => "",
                (_, EntityKind::Person) => "person",
                _ => "organization",
            };
            csv.push_str(&format!("v{n},\"{v}\",{k},,,\n"));
        }
    }
    for (i, name) in [
        "Maria Gonzalez",
        "John Smith",
        "Li Wei",
        "Anna Schmidt",
        "Blue Ocean Foods Ltd",
        "Peter Novak",
        "Fatima Zahra",
        "Acme Logistics GmbH",
        "Hans Muller",
        "Olga Ivanova",
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("u{i},{name},,,,\n"));
    }
    csv.push_str("id1,GPB JSC,organization,,,7707083893\n");
    csv
}

fn alert_pairs(s: &dyn MonitorStore, entities: &[String]) -> Vec<(String, String)> {
    let all = s.alerts(&AlertFilter::default()).unwrap();
    let mut v: Vec<_> = pairs(&all)
        .into_iter()
        .filter(|(_, e)| entities.contains(e))
        .collect();
    v.sort();
    v
}

/// The property a delta run stands on: for the entries that changed, it
/// raises exactly the alerts a full run raises, though it reads only the
/// customers their search keys reach. The register holds many spellings
/// of each new name (typos, sound-alikes, reorderings, joined and split
/// words, shortened words), of every kind; one customer is renamed into a
/// new entry's name after the first run's register was imported, so its
/// keys must follow the change.
fn delta_equals_full_on_a_varied_register(b: &dyn Backend) {
    let register = varied_register();
    let renamed = "c9,\"Sirajuddin Haqqani\",person,,,\n";
    let mut before = base_list();
    before.push(ent("5", EntityKind::Person, &["ZAKHAROV, Pavel"], None));
    let mut after = before.clone();
    for (id, kind, name) in NEW_ENTRIES {
        after.push(ent(id.trim_start_matches('n'), *kind, &[name], None));
        after.last_mut().unwrap().id = format!("test:{id}");
    }
    let gaz = after.iter_mut().find(|e| e.id == "test:n11").unwrap();
    gaz.identifiers.push(cordon_engine::Identifier {
        id_type: cordon_engine::IdentifierType::TaxId,
        label: "Tax ID No.".into(),
        value: "7707083893".into(),
        country: None,
        note: None,
    });
    // A changed entry: a new alias.
    let z = after.iter_mut().find(|e| e.id == "test:5").unwrap();
    z.names.push(Name::new("Volkov Dmitri", NameType::Aka));
    let changed: Vec<String> = NEW_ENTRIES
        .iter()
        .map(|(id, _, _)| format!("test:{id}"))
        .chain(["test:5".to_string()])
        .collect();

    // Delta: first run on the old list, then the new one.
    let mut d = b.open();
    let d = d.as_mut();
    import_text(d, &register, false);
    import_text(
        d,
        "id,name,kind,dob,country,id_number\nc9,Sirah Example,person,,,\n",
        false,
    );
    import_text(
        d,
        &format!("id,name,kind,dob,country,id_number\n{renamed}"),
        false,
    );
    run_on(d, before, false);
    let r = run_on(d, after.clone(), false);
    assert_eq!(r.mode, Mode::Delta);
    assert_eq!(r.customers_screened, 0);
    let total = d.customer_count().unwrap();
    assert!(
        r.reverse_reached < total && r.reverse_candidates <= r.reverse_reached,
        "the delta run read {} of {total} customers and screened {}",
        r.reverse_reached,
        r.reverse_candidates
    );

    // Full: the same register screened whole against the new list.
    let other = b.another();
    let mut f = other.open();
    let f = f.as_mut();
    import_text(f, &register, false);
    import_text(
        f,
        &format!("id,name,kind,dob,country,id_number\n{renamed}"),
        false,
    );
    run_on(f, after, true);

    let full = alert_pairs(f, &changed);
    assert_eq!(alert_pairs(d, &changed), full);
    let entities: std::collections::HashSet<&str> = full.iter().map(|p| p.1.as_str()).collect();
    assert!(full.len() >= 40 && entities.len() >= 10, "{full:?}");
    assert!(full.contains(&("c9".into(), "test:n3".into())), "{full:?}");
    assert!(
        full.contains(&("id1".into(), "test:n11".into())),
        "{full:?}"
    );
}

/// A register made before the search keys (schema 1) gets them when it is
/// opened: a delta run then finds its customers.
fn an_old_register_gets_its_search_keys(b: &dyn Backend) {
    let mut s = b.open();
    import_text(s.as_mut(), REGISTER, false);
    run_on(s.as_mut(), base_list(), false);
    drop(s);
    b.back_to_schema_1();
    let mut s = b.open();
    let mut next = base_list();
    next.push(ent("4", EntityKind::Person, &["PETRENKO, Olga"], None));
    let r = run_on(s.as_mut(), next, false);
    assert_eq!(r.mode, Mode::Delta);
    assert_eq!(pairs(&r.new_alerts), vec![("c5".into(), "test:4".into())]);
}
