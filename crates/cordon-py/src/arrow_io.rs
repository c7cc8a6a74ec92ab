//! Arrow tables across the Python boundary through the Arrow C stream
//! interface: a table comes in as the PyCapsule its
//! `__arrow_c_stream__()` returns (pyarrow, polars, DuckDB and others
//! implement it), and results go out as an [`ArrowStream`], an object with
//! `__arrow_c_stream__` that `pyarrow.table()` reads without a copy.

use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{RecordBatch, RecordBatchIterator, RecordBatchReader};
use arrow_schema::SchemaRef;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::ffi::CStr;
use std::sync::Mutex;

/// The capsule name the PyCapsule interface gives an Arrow C stream.
const STREAM: &CStr = c"arrow_array_stream";

/// The schema and record batches of `table`, an object with
/// `__arrow_c_stream__` (a pyarrow Table or RecordBatchReader, ...).
pub fn read_table(table: &Bound<'_, PyAny>) -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
    if !table.hasattr("__arrow_c_stream__")? {
        return Err(PyTypeError::new_err(
            "expected an Arrow table (an object with __arrow_c_stream__, e.g. a pyarrow.Table)",
        ));
    }
    let capsule = table
        .call_method0("__arrow_c_stream__")?
        .cast_into::<PyCapsule>()?;
    let ptr = capsule
        .pointer_checked(Some(STREAM))?
        .cast::<FFI_ArrowArrayStream>();
    // SAFETY: the capsule holds an ArrowArrayStream (its name says so);
    // `from_raw` moves the stream out and marks the capsule's copy
    // released, so it is consumed once.
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(ptr.as_ptr()) };
    let reader = RecordBatchStreamReader::try_new(stream)
        .map_err(|e| PyTypeError::new_err(e.to_string()))?;
    let schema = reader.schema();
    let batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyTypeError::new_err(e.to_string()))?;
    Ok((schema, batches))
}

/// Record batches handed to Python once, through `__arrow_c_stream__`.
#[pyclass(module = "cordon._cordon", frozen)]
pub struct ArrowStream {
    batches: Mutex<Option<(SchemaRef, Vec<RecordBatch>)>>,
}

impl ArrowStream {
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> ArrowStream {
        ArrowStream {
            batches: Mutex::new(Some((schema, batches))),
        }
    }
}

#[pymethods]
impl ArrowStream {
    /// The Arrow C stream of the batches (the PyCapsule protocol); the
    /// batches can be taken once.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        // The schema is ours: a requested one is not cast to.
        let _ = requested_schema;
        let taken = self
            .batches
            .lock()
            .map_err(|_| PyTypeError::new_err("the result stream is poisoned"))?
            .take();
        let Some((schema, batches)) = taken else {
            return Err(PyTypeError::new_err("the result stream was already read"));
        };
        let reader: Box<dyn RecordBatchReader + Send> = Box::new(RecordBatchIterator::new(
            batches.into_iter().map(Ok),
            schema,
        ));
        PyCapsule::new_with_value(py, FFI_ArrowArrayStream::new(reader), STREAM)
    }
}
