//! A closed stdout (`cordon screen … | head -2`) ends the command quietly,
//! as it ends `cat` or `grep`: no panic, no error message, exit status 141
//! (128 + SIGPIPE, what a shell shows for a program stopped by a broken
//! pipe). Rust ignores SIGPIPE, so a write to a closed pipe fails with
//! `BrokenPipe` instead: commands that write through `Write` get it as an
//! error, seen in [`is_broken_pipe`]; `println!` panics on it, caught by the
//! hook of [`quiet_on_broken_pipe`]. Anything a command recorded in the
//! audit trail was committed before it was printed, so stopping here loses
//! nothing.

use std::process::ExitCode;

/// The exit status after a broken pipe.
pub const STATUS: u8 = 128 + 13;

/// Makes the panic of a `println!` into a closed pipe a quiet exit with
/// [`STATUS`]; every other panic is reported as before.
pub fn quiet_on_broken_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let msg = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        // std's message: "failed printing to stdout: Broken pipe (os error 32)".
        if msg.starts_with("failed printing to stdout")
            && (msg.contains("Broken pipe") || msg.contains("os error 32"))
        {
            std::process::exit(STATUS.into());
        }
        report(info);
    }));
}

/// Whether `e` (or an error it wraps) is a write to a closed pipe.
pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<csv::Error>().is_some_and(|e| {
                matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

/// The exit status of a command's result, a broken pipe quietly.
pub fn exit(result: anyhow::Result<ExitCode>) -> ExitCode {
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::from(STATUS),
        Err(e) => {
            eprintln!("cordon: error: {e:#}");
            ExitCode::from(1)
        }
    }
}
