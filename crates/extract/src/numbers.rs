//! Number and figure reading. Stub: replaced by the figure reader.
