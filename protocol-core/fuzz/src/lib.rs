//! What the fuzz targets share: the protocol alphabets and the session
//! drivers of the in-tree random test (one file, included by path).
#[path = "../../tests/common/fuzzing.rs"]
mod fuzzing;
pub use fuzzing::*;
