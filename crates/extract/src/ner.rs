//! Named-entity recognition. Stub: replaced by the tagger.
