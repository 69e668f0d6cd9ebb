//! The synthetic corpus generator (placeholder).
