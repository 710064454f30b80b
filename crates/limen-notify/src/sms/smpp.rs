//! The SMPP 3.4 client (work in progress).

use super::{Outcome, Outgoing, SmppSettings};
use crate::NotifyError;
use std::time::Duration;

pub(crate) struct SmppClient {
    settings: SmppSettings,
}

impl SmppClient {
    pub(crate) fn new(settings: SmppSettings, _sender: &str) -> Result<Self, NotifyError> {
        Ok(Self { settings })
    }

    pub(crate) fn describe(&self) -> String {
        let tls = if self.settings.tls { " (TLS)" } else { "" };
        format!("SMPP {}:{}{tls}", self.settings.host, self.settings.port)
    }

    pub(crate) fn time_limit(&self) -> Duration {
        self.settings.timeout * 4
    }

    pub(crate) async fn send(&self, _message: &Outgoing<'_>) -> Outcome {
        Outcome::Permanent("SMPP is not implemented yet".into())
    }
}
