//! The persisted SMS outbox (issue 17): written by the SMS methods, delivered by
//! `limen-notify`'s SMS sender. (Filled in by the SMS gateway work.)
