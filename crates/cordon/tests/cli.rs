//! End-to-end tests of the `cordon` binary, run as a user runs it.
//!
//! Tests on the real OFAC file read `$CORDON_DATA` (the shared data folder):
//! unset, they are skipped with a message; set but missing files, they fail.

mod common;
use common::{repo_root, run_ok, sample, sdn_2024};

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn cordon() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_cordon"));
    c.env_remove("CORDON_DATA_DIR");
    // The audit trail has its own tests (tests/audit.rs); these must not
    // write into the user's data directory.
    c.env("CORDON_NO_AUDIT", "1");
    c
}

fn screen_json(data: &Path, args: &[&str]) -> Value {
    let out = run_ok(
        cordon()
            .arg("--data")
            .arg(data)
            .arg("screen")
            .args(args)
            .arg("--json"),
    );
    serde_json::from_slice(&out.stdout).expect("screen --json prints JSON")
}

fn ids(v: &Value) -> Vec<String> {
    v["matches"]
        .as_array()
        .expect("matches array")
        .iter()
        .map(|m| m["entity_id"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn acceptance_queries_on_sdn_2024() {
    let Some(d) = sdn_2024() else { return };
    let v = screen_json(&d, &["Qods Aviation Industries"]);
    assert_eq!(ids(&v)[0], "ofac-sdn:16418");
    assert_eq!(v["matches"][0]["match"], true);
    assert!(v["snapshot"].as_str().is_some_and(|s| !s.is_empty()));
    for key in [
        "entity_id",
        "list",
        "kind",
        "name",
        "matched_name",
        "score",
        "match",
        "programs",
        "dates_of_birth",
        "countries",
        "explanation",
    ] {
        assert!(
            v["matches"][0].get(key).is_some(),
            "match object lacks {key}"
        );
    }

    let first = |q: &[&str]| {
        ids(&screen_json(&d, q))
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    assert_eq!(
        first(&["Shahed Aviation Industries Research Centre"]),
        "ofac-sdn:39637"
    );
    assert_eq!(first(&["Alabuga Machinery LLC"]), "ofac-sdn:45713");
    assert!(
        ids(&screen_json(&d, &["Special Economic Zone Alabuga JSC"]))
            .iter()
            .take(3)
            .any(|i| i == "ofac-sdn:45708")
    );

    let v = screen_json(&d, &["Timur Shagivaleev", "--dob", "1978"]);
    assert_eq!(ids(&v)[0], "ofac-sdn:45710");
    assert_eq!(v["matches"][0]["match"], true);
    let v = screen_json(&d, &["Шагивалеев Тимур Наилевич"]);
    assert_eq!(ids(&v)[0], "ofac-sdn:45710");
    assert_eq!(v["matches"][0]["match"], true);

    for neg in ["John Smith", "Acme Widgets GmbH", "Emma", "Trading"] {
        let v = screen_json(&d, &[neg]);
        let any = v["matches"]
            .as_array()
            .is_some_and(|a| a.iter().any(|m| m["match"] == true));
        assert!(!any, "{neg} must not match: {v}");
    }
}

#[test]
fn exact_name_wins_among_many_sharing_its_words() {
    let Some(d) = sdn_2024() else { return };
    // Dozens of listed names hold "alfa" and "limited liability company".
    let v = screen_json(&d, &["ALFA LIMITED LIABILITY COMPANY"]);
    assert_eq!(ids(&v)[0], "ofac-sdn:48612");
    assert_eq!(v["matches"][0]["match"], true);
}

#[test]
fn batch_of_100k_lines_gives_100k_records_in_order() {
    let Some(d) = sdn_2024() else { return };
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("parties.csv");
    let names = [
        "Qods Aviation Industries",
        "Timur Shagivaleev",
        "Alabuga Machinery LLC",
        "John Smith",
        "Maria Garcia Lopez",
        "Шагивалеев Тимур",
        "Banco Nacional de Cuba",
        "Acme Widgets GmbH",
    ];
    let mut csv = String::from("id,name,kind,dob,country,id_number\n");
    for i in 0..100_000 {
        if i % 10_000 == 7 {
            // A malformed line: too many fields.
            csv.push_str(&format!("r{i},bad,line,with,too,many,fields\n"));
        } else if i % 10_000 == 9 {
            csv.push_str(&format!("r{i},Some Name,person,not-a-date,,\n"));
        } else {
            csv.push_str(&format!("r{i},\"{}\",,,,\n", names[i % names.len()]));
        }
    }
    std::fs::write(&input, csv).expect("write input");
    let output = dir.path().join("out.jsonl");
    let out = run_ok(
        cordon()
            .arg("--data")
            .arg(&d)
            .args(["batch"])
            .arg(&input)
            .arg("-o")
            .arg(&output)
            .args(["--limit", "3"]),
    );
    let text = std::fs::read_to_string(&output).expect("read output");
    let recs: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSONL record"))
        .collect();
    assert_eq!(
        recs.len(),
        100_000,
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut errors = 0;
    for (i, r) in recs.iter().enumerate() {
        if !r["error"].is_null() {
            errors += 1;
            assert!(
                r["error"].as_str().unwrap_or("").contains("parties.csv:"),
                "{r}"
            );
            continue;
        }
        assert_eq!(r["id"], format!("r{i}"), "record {i} out of order");
    }
    assert_eq!(errors, 20);
    assert_eq!(recs[0]["matches"][0]["entity_id"], "ofac-sdn:16418");
}

#[test]
fn batch_reads_jsonl_and_writes_csv() {
    let dir = tempfile::tempdir().expect("tempdir");
    let list = dir.path().join("sdn.csv");
    std::fs::write(
        &list,
        "1,\"EXAMPLE TRADING COMPANY\",-0- ,\"TEST\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n\
         2,\"DOE, Jonathan\",\"individual\",\"TEST\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 01 Feb 1970.\"\r\n\x1a",
    )
    .expect("write list");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": 1, \"name\": \"Jonathan Doe\", \"dob\": \"1970\"}\n\
         not json\n\
         {\"id\": \"x\", \"name\": \"Example Trading Co\", \"kind\": \"organization\"}\n",
    )
    .expect("write input");
    let output = dir.path().join("out.csv");
    run_ok(
        cordon()
            .arg("--list")
            .arg(format!("ofac-sdn={}", list.display()))
            .arg("batch")
            .arg(&input)
            .arg("-o")
            .arg(&output),
    );
    let mut rdr = csv::Reader::from_path(&output).expect("csv output");
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][0], "1");
    assert_eq!(&rows[0][2], "ofac-sdn:2");
    assert!(rows[1][6].contains("in.jsonl:2"), "{:?}", rows[1]);
    assert_eq!(&rows[2][2], "ofac-sdn:1");
}

/// `cordon batch --explain`: by default only the matches carry their
/// explanation; `none` leaves every one out, `all` keeps every one; the
/// rest of each result is the same whichever is asked, and a result has
/// the fields `cordon screen --json` gives it.
#[test]
fn batch_explains_the_matches_by_default() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    let names = [
        "Acme Example Trading",
        "Ivan Petrov",
        "Jonathan Example",
        "Example",
        "Nobody Atall",
    ];
    let lines: String = names
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{{\"id\": {i}, \"name\": \"{n}\"}}\n"))
        .collect();
    std::fs::write(&input, lines).expect("write input");
    let batch = |explain: Option<&str>| -> Vec<Value> {
        let mut c = cordon();
        c.arg("--data").arg(sample()).arg("batch").arg(&input);
        if let Some(e) = explain {
            c.args(["--explain", e]);
        }
        let out = run_ok(&mut c);
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("JSONL record"))
            .collect()
    };
    let default = batch(None);
    let none = batch(Some("none"));
    let matches = batch(Some("matches"));
    let all = batch(Some("all"));
    assert_eq!(default, matches);
    let strip = |recs: &[Value]| -> Vec<Value> {
        recs.iter()
            .map(|r| {
                let mut r = r.clone();
                for m in r["matches"].as_array_mut().expect("matches") {
                    m.as_object_mut().expect("a match").remove("explanation");
                }
                r
            })
            .collect()
    };
    assert_eq!(strip(&all), none);
    assert_eq!(strip(&all), strip(&default));
    let (mut flagged, mut other) = (0, 0);
    for ((d, n), a) in default.iter().zip(&none).zip(&all) {
        for ((d, n), a) in d["matches"]
            .as_array()
            .unwrap()
            .iter()
            .zip(n["matches"].as_array().unwrap())
            .zip(a["matches"].as_array().unwrap())
        {
            assert!(n.get("explanation").is_none(), "{n}");
            assert!(a["explanation"]["summary"].is_string(), "{a}");
            if d["match"] == true {
                flagged += 1;
                assert_eq!(d["explanation"], a["explanation"]);
            } else {
                other += 1;
                assert!(d.get("explanation").is_none(), "{d}");
            }
        }
    }
    assert!(
        flagged > 0 && other > 0,
        "{flagged} matches, {other} others"
    );
    // The same fields as `cordon screen --json`, in the same order.
    let screen = screen_json(&sample(), &[names[0]]);
    let keys = |m: &Value| -> Vec<String> {
        m.as_object()
            .expect("a match")
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&all[0]["matches"][0]), keys(&screen["matches"][0]));
}

#[test]
fn compare_pairs_file_gives_one_record_per_pair() {
    let dir = tempfile::tempdir().expect("tempdir");
    let pairs = dir.path().join("pairs.jsonl");
    std::fs::write(
        &pairs,
        "{\"id\": \"a\", \"kind\": \"person\", \"a\": \"Timur Shagivaleev\", \"b\": \"SHAGIVALEEV, Timur Nailevich\"}\n\
         {\"id\": \"b\", \"a\": {\"name\": \"Ivan Petrov\", \"dob\": \"1970\"}, \"b\": {\"name\": \"Petrov Ivan\", \"dob\": \"1990\"}}\n\
         {\"id\": \"c\", \"a\": \"Alpha Trading\", \"b\": \"Omega Shipping\"}\n\
         {\"id\": \"d\", \"a\": 5}\n",
    )
    .expect("write pairs");
    let out = run_ok(cordon().arg("compare").arg("--pairs").arg(&pairs));
    let recs: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSONL"))
        .collect();
    assert_eq!(recs.len(), 4);
    assert_eq!(recs[0]["match"], true);
    assert!(recs[1]["score"].as_f64().unwrap_or(1.0) < recs[0]["score"].as_f64().unwrap_or(0.0));
    assert_eq!(recs[2]["match"], false);
    assert!(recs[3]["error"].is_string());
}

#[test]
fn lists_reports_counts_and_hashes() {
    let Some(d) = sdn_2024() else { return };
    let out = run_ok(cordon().arg("--data").arg(&d).args(["lists", "--json"]));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["entities"], 14_965);
    assert_eq!(v["lists"][0]["list"], "ofac-sdn");
    assert_eq!(
        v["lists"][0]["files"][0]["sha256"].as_str().map(str::len),
        Some(64)
    );
}

#[test]
fn missing_data_folder_is_a_clear_error() {
    let out = cordon()
        .args(["--data", "/nonexistent/cordon", "screen", "x"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/cordon"));
}

#[test]
fn sample_data_in_the_repo_screens_offline() {
    let sample = repo_root().join("data/sample");
    let v = screen_json(&sample, &["Example Sample Aviation Industries"]);
    assert!(
        v["matches"].as_array().is_some_and(|a| !a.is_empty()),
        "{v}"
    );
}

/// `cordon` on the whole shared folder with its CSL version picked: the
/// folder holds a 13-line CSL sample newer by name than the 4,232-line
/// snapshot, which discovery refuses to choose between.
fn cordon_all(d: &Path) -> Command {
    let mut c = cordon();
    c.arg("--data").arg(d).arg("--list").arg(format!(
        "us-csl={}",
        d.join("us_csl/csl_full_snapshot.csv").display()
    ));
    c
}

#[test]
fn the_shared_folder_without_a_csl_pick_fails_naming_the_csl_files() {
    let Some(d) = common::shared_lists() else {
        return;
    };
    for args in [&["lists"][..], &["screen", "Qods Aviation Industries"][..]] {
        let out = cordon()
            .arg("--data")
            .arg(&d)
            .args(args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        for needle in [
            "list us-csl",
            "us_csl/consolidated_sample_2025.csv",
            "us_csl/csl_full_snapshot.csv",
            "us_csl/csl_2019_excerpt.csv",
            "--list us-csl=PATH",
        ] {
            assert!(err.contains(needle), "{needle:?} not in: {err}");
        }
        assert!(out.stdout.is_empty(), "nothing screened: {args:?}");
    }
}

#[test]
fn lists_over_the_shared_folder_shows_every_list_with_counts() {
    let Some(d) = common::shared_lists() else {
        return;
    };
    let out = run_ok(cordon_all(&d).args(["lists", "--json"]));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let lists = v["lists"].as_array().expect("lists");
    let find = |id: &str| {
        lists
            .iter()
            .find(|l| l["list"] == id)
            .unwrap_or_else(|| panic!("{id} not loaded: {v}"))
    };
    assert_eq!(find("ofac-sdn")["entities"], 14_965);
    assert_eq!(find("ofac-cons")["entities"], 442);
    let un = find("un-sc");
    assert_eq!(un["by_kind"]["persons"], 730);
    assert_eq!(un["by_kind"]["organizations"], 273);
    // The CSL picked with --list: the full snapshot, not the sample.
    let csl = find("us-csl");
    assert!(
        csl["source_file"]
            .as_str()
            .is_some_and(|f| f.ends_with("csl_full_snapshot.csv")),
        "{csl}"
    );
    assert!(csl["entities"].as_u64().unwrap_or(0) > 4_000, "{csl}");
    assert!(find("bis-dpl")["entities"].as_u64().unwrap_or(0) > 0);
    // One list per OpenSanctions file.
    assert_eq!(find("opensanctions-zala")["entities"], 17);
    assert_eq!(find("opensanctions-t1")["entities"], 6);
    assert_ne!(
        find("opensanctions-zala")["version"],
        find("opensanctions-t1")["version"]
    );
    // Where each list came from and how old it is.
    let sdn = find("ofac-sdn");
    assert_eq!(sdn["as_of"], "2024-05-03");
    assert_eq!(sdn["as_of_source"], "file name");
    assert!(sdn["source_file"]
        .as_str()
        .is_some_and(|f| f.ends_with("ofac_sdn/2024-05-03/sdn.csv")));
    assert!(sdn["age_days"].as_i64().unwrap_or(0) > 365, "{sdn}");
    assert_eq!(find("un-sc")["as_of_source"], "published");
    assert_eq!(find("un-sc")["as_of"], "2026-02-27");
    // Older versions are reported, not silently skipped; the CSL files of
    // the folder are superseded by the one picked.
    let superseded = v["superseded"].to_string();
    for f in [
        "sdn_2024-05-01.csv",
        "consolidated_2018-10-29.xml",
        "consolidated_sample_2025.csv",
        "csl_2019_excerpt.csv",
    ] {
        assert!(superseded.contains(f), "{f} not superseded: {superseded}");
    }
    // A version the pick replaced keeps its own date and where it came from.
    let excerpt = v["superseded"]
        .as_array()
        .and_then(|s| {
            s.iter().find(|e| {
                e["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with("csl_2019_excerpt.csv"))
            })
        })
        .cloned()
        .unwrap_or_default();
    assert_eq!(excerpt["date"], "2019", "{excerpt}");
    assert_eq!(excerpt["dated_by"], "file or folder name", "{excerpt}");
}

#[test]
fn parties_only_on_the_un_or_the_entity_list_are_found() {
    let Some(d) = common::shared_lists() else {
        return;
    };
    let screen = |q: &str| -> Value {
        let out = run_ok(cordon_all(&d).args(["screen", q, "--json"]));
        serde_json::from_slice(&out.stdout).expect("JSON")
    };
    // On the UN list only (no OFAC entry of that name in the shared files).
    let v = screen("Abdul Baqi Basir Awal Shah");
    assert_eq!(ids(&v)[0], "un-sc:TAi.038");
    assert_eq!(v["matches"][0]["match"], true);
    // On the BIS Entity List (via the Consolidated Screening List) only.
    let v = screen("China Electronics Technology Group Corporation 54th Research Institute");
    assert!(ids(&v)[0].starts_with("us-csl:"), "{v}");
    assert_eq!(v["matches"][0]["match"], true);
    assert_eq!(v["matches"][0]["programs"][0], "EL");
    // The group's institutes differ by their number: no 13th is listed,
    // and the 10th, 20th or 54th is not it.
    let v = screen("China Electronics Technology Group Corporation 13th Research Institute");
    let matched: Vec<&Value> = v["matches"]
        .as_array()
        .map(|m| m.iter().filter(|m| m["match"] == true).collect())
        .unwrap_or_default();
    assert!(matched.is_empty(), "{v}");
}

/// The case: a fresh undated `sdn.csv` beside an older dated copy
/// is the version screened against.
#[test]
fn a_fresh_sdn_csv_beats_an_older_dated_copy() {
    let Some(root) = std::env::var_os("CORDON_DATA") else {
        eprintln!("skipping: CORDON_DATA not set");
        return;
    };
    let lists = PathBuf::from(root).join("lists/ofac_sdn");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(lists.join("2024-05-03/sdn.csv"), dir.path().join("sdn.csv")).expect("copy");
    std::fs::create_dir(dir.path().join("history")).expect("mkdir");
    std::fs::copy(
        lists.join("history/sdn_2024-04-26.csv"),
        dir.path().join("history/sdn_2024-04-26.csv"),
    )
    .expect("copy");
    let out = run_ok(
        cordon()
            .arg("--data")
            .arg(dir.path())
            .args(["lists", "--json"]),
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["lists"][0]["entities"], 14_965, "the fresh file: {v}");
    assert!(v["lists"][0]["source_file"]
        .as_str()
        .is_some_and(|f| f.ends_with("/sdn.csv")));
    assert_eq!(v["lists"][0]["as_of_source"], "file modified");
    assert!(v["superseded"].to_string().contains("sdn_2024-04-26.csv"));
}

#[test]
fn an_empty_list_file_is_refused_by_every_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    for f in ["add.csv", "alt.csv", "sdn_comments.csv"] {
        std::fs::copy(sample().join(f), dir.path().join(f)).expect("copy");
    }
    std::fs::write(dir.path().join("sdn.csv"), "").expect("write");
    for args in [&["screen", "x"][..], &["lists"][..]] {
        let out = cordon()
            .arg("--data")
            .arg(dir.path())
            .args(args)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            all.contains("sdn.csv") && all.contains("no entities"),
            "{all}"
        );
    }
}

#[test]
fn a_list_older_than_max_age_is_a_loud_warning_not_a_refusal() {
    let Some(d) = sdn_2024() else { return };
    let run = |max_age: &str| {
        run_ok(cordon().arg("--data").arg(&d).args([
            "--max-age",
            max_age,
            "screen",
            "Qods Aviation Industries",
            "--json",
        ]))
    };
    let out = run("14");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("WARNING: STALE LIST: list ofac-sdn is")
            && err.contains("file name 2024-05-03")
            && err.contains("maximum age of 14 days"),
        "{err}"
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(ids(&v)[0], "ofac-sdn:16418", "screening goes on");
    let out = run("100000");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("STALE"));
    // The environment variable sets it too.
    let out = run_ok(
        cordon()
            .env("CORDON_MAX_AGE_DAYS", "100000")
            .arg("--data")
            .arg(&d)
            .args(["lists"]),
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("STALE"));
    assert!(!String::from_utf8_lossy(&out.stdout).contains("STALE"));
}

#[test]
fn diff_of_two_daily_sdn_files_reports_the_real_additions() {
    let Some(root) = std::env::var_os("CORDON_DATA") else {
        eprintln!("skipping: CORDON_DATA not set");
        return;
    };
    let h = PathBuf::from(root).join("lists/ofac_sdn/history");
    let out = run_ok(
        cordon()
            .arg("diff")
            .arg(h.join("sdn_2024-05-01.csv"))
            .arg(h.join("sdn_2024-05-02.csv"))
            .arg("--json"),
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let added: Vec<&str> = v["added"]
        .as_array()
        .expect("added")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(added.len(), 7, "14,966 → 14,973 entries: {v}");
    assert!(added.contains(&"ofac-sdn:48321"));
    assert_eq!(v["removed"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["changed"].as_array().map(Vec::len), Some(0));
}

/// Runs `cordon` expecting exit status 1; returns its stderr.
fn refused(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{err}");
    err
}

#[test]
fn a_renamed_vessel_is_found_by_its_imo_number_on_sdn_2024() {
    let Some(d) = sdn_2024() else { return };
    // LADY R (37095) queried under another name, then by its number alone.
    let v = screen_json(&d, &["--kind", "vessel", "--id", "IMO9161003", "Sea Star"]);
    assert_eq!(ids(&v)[0], "ofac-sdn:37095", "{v}");
    assert_eq!(v["matches"][0]["match"], true);
    let summary = v["matches"][0]["explanation"]["summary"].to_string();
    assert!(
        summary.contains("name differs, identifier identical"),
        "{summary}"
    );
    let v = screen_json(&d, &["--kind", "vessel", "--id", "IMO9161003"]);
    assert_eq!(ids(&v), vec!["ofac-sdn:37095".to_string()], "{v}");
    assert_eq!(v["matches"][0]["match"], true);
}

#[test]
fn queries_the_engine_refuses_are_clear_errors() {
    let sample = repo_root().join("data/sample");
    let run = |args: &[&str]| refused(cordon().arg("--data").arg(&sample).arg("screen").args(args));
    let err = run(&["Ivan Petrov", "--country", "Narnia"]);
    assert!(err.contains("countries") && err.contains("Narnia"), "{err}");
    let err = run(&["Ivan Petrov", "--dob", "2999-01-01"]);
    assert!(err.contains("dob") && err.contains("future"), "{err}");
    let long = "a".repeat(100_000);
    let err = run(&[long.as_str()]);
    assert!(
        err.contains("limit of 1000"),
        "{}",
        &err[..err.len().min(300)]
    );
    assert!(err.len() < 1_000, "the error does not echo the input");
    let err = run(&["., ;"]);
    assert!(err.contains("no letters or digits"), "{err}");
    // compare refuses the same way, naming the side.
    let out = cordon()
        .args(["compare", "Ivan Petrov", &"x".repeat(500)])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("second name") && err.contains("limit of 100"),
        "{err}"
    );
}

#[test]
fn batch_lines_the_engine_refuses_become_error_records() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        "{\"id\": 1, \"name\": \"Johnny Sampleman\", \"country\": \"Narnia\"}\n\
         {\"id\": 2, \"name\": \"Johnny Sampleman\", \"dob\": \"2999\"}\n\
         {\"id\": 3, \"identifiers\": [\"passport:000000001\"]}\n\
         {\"id\": 4}\n",
    )
    .expect("write input");
    let out = run_ok(
        cordon()
            .arg("--data")
            .arg(repo_root().join("data/sample"))
            .arg("batch")
            .arg(&input),
    );
    let recs: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSONL"))
        .collect();
    assert_eq!(recs.len(), 4);
    let err = |i: usize| recs[i]["error"].as_str().unwrap_or_default().to_string();
    assert!(
        err(0).contains("in.jsonl:1") && err(0).contains("field countries"),
        "{}",
        err(0)
    );
    assert!(
        err(1).contains("in.jsonl:2") && err(1).contains("field dob"),
        "{}",
        err(1)
    );
    // An identifier alone is a query.
    assert!(recs[2]["error"].is_null(), "{}", recs[2]);
    assert_eq!(recs[2]["matches"][0]["entity_id"], "ofac-sdn:90003");
    assert!(err(3).contains("in.jsonl:4") && err(3).contains("neither a name nor an identifier"));
}

/// The help of `--list` and `update --list-sources` name every format of
/// the format table, so a new format cannot be loadable yet unlisted.
#[test]
fn help_and_sources_name_every_format_of_the_table() {
    let out = cordon().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    let out = cordon()
        .args(["update", "--list-sources"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sources = String::from_utf8_lossy(&out.stdout);
    for f in cordon_lists::ListFormat::ALL {
        let name = f.as_str();
        assert!(
            help.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .any(|w| w == name),
            "--help does not name {name}"
        );
        if let Some(d) = f.info().download {
            assert!(sources.contains(name), "--list-sources lacks {name}");
            assert!(
                sources.contains(d.files[0].1),
                "--list-sources lacks {name}'s URL"
            );
        }
    }
}
