//! # cordon-py
//!
//! The native half of the `cordon` Python package (`python/`), built with
//! PyO3 and maturin as `cordon._cordon` (an abi3 module: one wheel for
//! CPython 3.9 and later). The Python half (`python/cordon/__init__.py`)
//! gives the documented API and turns the JSON and Arrow answers of this
//! module into dicts and pyarrow tables.
//!
//! Nothing here decides anything about matching or about which lists to
//! load: [`screener::Screener`] loads through `cordon_store::choose` (the
//! CLI's discovery and snapshot building), screens with
//! `cordon_engine::Index`, and reads batch rows with
//! `cordon_monitor::input::make_party` (the checks of `cordon batch`), so
//! answers equal the CLI's. Work runs with the GIL released; batches use
//! rayon's pool (every core).
//!
//! * [`screener`]: `Screener` (load, screen, compare, lists) and `goods`.
//! * [`batch`]: one Arrow record batch of parties screened into one of
//!   results.
//! * [`arrow_io`]: Arrow tables in and out through the Arrow C stream
//!   interface (`__arrow_c_stream__` PyCapsules).

use pyo3::prelude::*;

pub mod arrow_io;
pub mod batch;
pub mod screener;

pyo3::create_exception!(
    _cordon,
    CordonError,
    pyo3::exceptions::PyException,
    "An error of cordon: lists that cannot be loaded, a query the engine \
     refuses, an invalid goods code. The message is the CLI's."
);

/// An error and its causes as the CLI prints them (`cause: cause: ...`).
pub(crate) fn error_text(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

/// A [`CordonError`] carrying `message`.
pub(crate) fn cordon_error(message: impl Into<String>) -> PyErr {
    CordonError::new_err(message.into())
}

#[pymodule]
fn _cordon(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<screener::Screener>()?;
    m.add_class::<arrow_io::ArrowStream>()?;
    m.add_function(wrap_pyfunction!(screener::goods, m)?)?;
    m.add("CordonError", m.py().get_type::<CordonError>())?;
    m.add("DEFAULT_THRESHOLD", cordon_engine::DEFAULT_THRESHOLD)?;
    m.add("DEFAULT_LIMIT", cordon_engine::DEFAULT_LIMIT)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
