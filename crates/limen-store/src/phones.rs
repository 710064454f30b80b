//! Mobile phone numbers and the SMS codes sent to them (issue 17).
