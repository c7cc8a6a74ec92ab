//! `cordon`: sanctions and export-control screening from the command line.
//!
//! This crate holds only application concerns: flag parsing, loading the
//! chosen lists, output formats. Matching lives in `cordon-engine`, list
//! formats in `cordon-lists`.

mod alerts;
mod audit;
mod batch;
#[cfg(feature = "measure")]
mod bench;
mod compare;
mod diff;
#[cfg(feature = "measure")]
mod eval;
mod goods;
mod load;
mod monitor;
mod monitor_db;
mod output;
mod ownership;
mod pipe;
mod screen;
mod serve;
mod shipment;
mod update;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// mimalloc: the matcher allocates many small short-lived strings per query
/// (see BENCHMARKS.md for the measured difference).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::path::PathBuf;
use std::process::ExitCode;

/// Sanctions and export-control screening: match names of persons,
/// companies, vessels and aircraft against the official lists, with an
/// explanation for every score.
#[derive(Debug, Parser)]
#[command(name = "cordon", version, about, long_about = None)]
struct Cli {
    #[command(flatten)]
    lists: ListArgs,
    #[command(flatten)]
    audit: audit::AuditArgs,
    #[command(flatten)]
    monitor_db: monitor_db::MonitorDbArgs,
    #[command(subcommand)]
    command: Command,
}

/// Which lists to load.
#[derive(Debug, Clone, Args)]
pub struct ListArgs {
    /// Folder of list files, searched recursively and recognised by their
    /// official file names (sdn.csv + companions, cons_prim.csv + ...,
    /// consolidated.xml, consolidated.csv, dpl.txt, *.ftm.json, ...; dated
    /// variants such as consolidated_2026-02-27.xml too; the newest
    /// version of each list is loaded), or a data folder kept by
    /// `cordon update` (its current snapshot is used). Default:
    /// $CORDON_DATA_DIR, else the platform data directory
    /// (e.g. ~/.local/share/cordon).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    /// An explicit list file (or folder) in a given format, e.g.
    /// `--list ofac-sdn=/path/sdn.csv`. Repeatable; added to --data, where
    /// it replaces the versions of the same list found in the folder (the
    /// way to pick a version when the folder holds conflicting ones).
    /// Formats: ofac-sdn, ofac-cons, ofac-sdn-xml, ofac-advanced, un-sc,
    /// us-csl, bis-dpl, eu-fsf, uk-fcdo, uk-ofsi, opensanctions.
    #[arg(long = "list", global = true, value_name = "FORMAT=PATH")]
    lists: Vec<String>,
    /// A list older than this many days (by its publication date, else the
    /// date in its file or folder name, else the file's modification day)
    /// is reported as STALE: a warning on stderr for every command, a
    /// column of `cordon lists`, and `stale_lists` in `/readyz`. Screening
    /// goes on.
    #[arg(
        long,
        global = true,
        env = "CORDON_MAX_AGE_DAYS",
        default_value_t = cordon_store::DEFAULT_MAX_AGE_DAYS,
        value_name = "DAYS"
    )]
    max_age: u32,
    /// Ownership data: a BODS 0.4 file (JSON array or JSON lines), a
    /// FollowTheMoney file with Ownership/Directorship records, or a CSV
    /// `owner_id,owner_name,owner_kind,owned_id,owned_name,owned_kind,share_percent`.
    /// Repeatable; added to the ownership files found under --data, which
    /// are `*.bods.json`, `*.bods.jsonl` and `ownership*.csv` (any case),
    /// plus every OpenSanctions list file (`*.ftm.json`) that holds
    /// Ownership or Directorship records (it is then both a list and
    /// ownership data). Owners are linked to list entities (identifiers
    /// first, else their names screened at the default threshold) and the
    /// ownership rules (OFAC 50%, BIS Affiliates, EU and UK ownership and
    /// control) assessed: a party the rules capture is screened as an
    /// entity of the list `ownership`. A file that fails to load fails the
    /// command, naming the file and line.
    #[arg(long = "ownership", global = true, value_name = "PATH")]
    pub ownership: Vec<PathBuf>,
    /// The ownership rules (TOML, the layout of the built-in
    /// crates/cordon-ownership/data/rules.toml: citations, thresholds, the
    /// lists whose parties count, the windows in force), instead of the
    /// built-in ones: a suspension extended is a change to this file, not
    /// to cordon.
    #[arg(long, global = true, value_name = "FILE")]
    pub ownership_rules: Option<PathBuf>,
    /// The day the ownership rules are assessed on (YYYY-MM-DD): a rule out
    /// of force that day is reported with its windows but captures nobody.
    /// Default: today (UTC).
    #[arg(long, global = true, value_name = "DATE")]
    pub ownership_date: Option<String>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    Person,
    Organization,
    Vessel,
    Aircraft,
    Any,
}

impl KindArg {
    pub fn kind(self) -> Option<cordon_engine::EntityKind> {
        use cordon_engine::EntityKind as K;
        match self {
            KindArg::Person => Some(K::Person),
            KindArg::Organization => Some(K::Organization),
            KindArg::Vessel => Some(K::Vessel),
            KindArg::Aircraft => Some(K::Aircraft),
            KindArg::Any => None,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Screen one name against the loaded lists.
    Screen(screen::ScreenArgs),
    /// Screen a CSV or JSONL file of parties, in parallel, one output record
    /// per input record, in input order.
    Batch(batch::BatchArgs),
    /// Compare two names (or the pairs of a file) and explain the score.
    Compare(compare::CompareArgs),
    /// Show each loaded list: files, hashes, entity and name counts.
    Lists(output::ListsArgs),
    /// Measure index build time, query latency, batch throughput and match
    /// quality on the loaded lists or a synthetic corpus (builds with
    /// `--features measure` only).
    #[cfg(feature = "measure")]
    Bench(bench::BenchArgs),
    /// Measure match quality (recall@1/@5, precision, F1, false alerts) on
    /// the shared evaluation sets and a set derived from the lists (builds
    /// with `--features measure` only).
    #[cfg(feature = "measure")]
    Eval(eval::EvalArgs),
    /// Download the official lists into a new snapshot of the data folder,
    /// validate them, and only then make it current (exit 3: a download
    /// failed, 4: a list failed validation; the previous snapshot stays).
    Update(update::UpdateArgs),
    /// Entities added, removed and changed between two versions of the
    /// lists (list files or data folders).
    Diff(diff::DiffArgs),
    /// Look up HS codes (any national form) or goods descriptions on the
    /// export-control lists (Common High Priority List tiers): normalised
    /// code, HS 2022 description, list hits and why. Exit 2: an invalid
    /// code.
    Goods(goods::GoodsArgs),
    /// Screen a whole shipment (JSON or YAML: parties with roles, items,
    /// route) into a risk report: party matches, listed goods, route
    /// findings, verdict. Exit 0: clear, 3: flagged.
    Shipment(shipment::ShipmentArgs),
    /// Serve the HTTP API (yente-compatible /match, /screen, /search,
    /// /compare, /entities, /lists, /metrics, /openapi.json) and the analyst
    /// web page. SIGHUP or POST /admin/reload swaps in freshly loaded lists
    /// without dropping a request. With --monitor: the customer register,
    /// a monitoring run after every reload, and alert review.
    Serve(serve::ServeArgs),
    /// Make an API key for `cordon serve`: prints the key once, and the
    /// `NAME sha256:HEX [ROLE ...]` line for the key file.
    ApiKey(serve::ApiKeyArgs),
    /// Query and export the audit trail of screening decisions (time,
    /// caller, query, list version, candidates, decision) as a table, CSV
    /// or JSONL.
    Audit(audit::AuditCmdArgs),
    /// Ongoing monitoring: import a customer register, and screen what
    /// changed (customers and list entries) at every run, raising alerts.
    Monitor(monitor::MonitorArgs),
    /// List, show and decide the alerts of monitoring runs (four-eyes
    /// review, remembered decisions).
    Alerts(alerts::AlertsArgs),
    /// The ownership tree around a party (owners up, holdings down, with
    /// shares), which owners are on a list (entity, score, how linked) and
    /// which rules capture it (OFAC 50%, BIS Affiliates, EU/UK ownership
    /// and control) and why. Exit 1: no such party.
    Ownership(ownership::OwnershipArgs),
}

fn main() -> ExitCode {
    pipe::quiet_on_broken_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Screen(a) => screen::run(&cli.lists, &cli.audit, a),
        Command::Batch(a) => batch::run(&cli.lists, &cli.audit, a),
        Command::Compare(a) => compare::run(&cli.lists, a),
        Command::Lists(a) => output::lists(&cli.lists, a),
        #[cfg(feature = "measure")]
        Command::Bench(a) => bench::run(&cli.lists, a),
        #[cfg(feature = "measure")]
        Command::Eval(a) => eval::run(&cli.lists, a),
        Command::Update(a) => update::run(&cli.lists, a),
        Command::Diff(a) => diff::run(a),
        Command::Goods(a) => goods::run(a),
        Command::Shipment(a) => shipment::run(&cli.lists, &cli.audit, a),
        Command::Serve(a) => serve::run(&cli.lists, &cli.audit, &cli.monitor_db, a),
        Command::ApiKey(a) => serve::api_key(a),
        Command::Audit(a) => audit::run(&cli.lists, &cli.audit, a),
        Command::Monitor(a) => monitor::run(&cli.lists, &cli.audit, &cli.monitor_db, a),
        Command::Alerts(a) => alerts::run(&cli.lists, &cli.audit, &cli.monitor_db, a),
        Command::Ownership(a) => ownership::run(&cli.lists, a),
    };
    pipe::exit(result)
}
