//! stub
use crate::{LoadedList, Result};
use std::path::Path;
/// stub
pub fn load(path: &Path) -> Result<LoadedList> {
    Err(crate::ListError::NotFound {
        path: path.to_path_buf(),
    })
}
