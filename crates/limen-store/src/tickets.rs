//! CAS tickets, kept under the SHA-256 of their value (the caller hashes).

use crate::{Store, StoreError, from_ts, ts};
use limen_core::{Account, Service, Ticket, TicketKind};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::sync::LazyLock;
use time::OffsetDateTime;

const COLUMNS: &str = "kind, session_id, account_id, service_id, service_url, strength, auth_at, from_new_login, \
                       proxies, client_fingerprint, device, created_at, expires_at";

// Listed in [`crate::hot_queries`]: a ticket is written when issued and taken (deleted) when
// validated.
pub(crate) static TICKET_INSERT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO tickets (id, {COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
    )
});
pub(crate) static TICKET_TAKE: LazyLock<String> = LazyLock::new(|| {
    format!("DELETE FROM tickets WHERE id = $1 AND kind <> 'PGT' RETURNING {COLUMNS}")
});

fn to_ticket(row: &AnyRow) -> Result<Ticket, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("ticket {what}"));
    let kind: String = row.try_get("kind")?;
    let strength: String = row.try_get("strength")?;
    let proxies: String = row.try_get("proxies")?;
    Ok(Ticket {
        kind: TicketKind::from_code(&kind).ok_or_else(|| corrupt("kind"))?,
        session_id: row.try_get("session_id")?,
        account_id: row.try_get("account_id")?,
        service_id: row.try_get("service_id")?,
        service_url: row.try_get("service_url")?,
        strength: strength.parse().map_err(|_| corrupt("strength"))?,
        auth_at: from_ts(row.try_get("auth_at")?),
        from_new_login: row.try_get::<i64, _>("from_new_login")? != 0,
        proxies: serde_json::from_str(&proxies).map_err(|_| corrupt("proxies"))?,
        client_fingerprint: row.try_get("client_fingerprint")?,
        device: row
            .try_get::<Option<String>, _>("device")?
            .map(|d| serde_json::from_str(&d).map_err(|_| corrupt("device")))
            .transpose()?,
        created_at: from_ts(row.try_get("created_at")?),
        expires_at: from_ts(row.try_get("expires_at")?),
    })
}

/// A ticket taken for validation, with its account and service as they are now
/// ([`Store::take_ticket_with_parties`]).
#[derive(Debug, Clone)]
pub struct TakenTicket {
    pub ticket: Ticket,
    pub account: Option<Account>,
    pub service: Option<Service>,
}

/// Takes (deletes) a service or proxy ticket on `conn` and returns it if it was still usable:
/// unexpired, and not from this node's future (a clock stepped back: [`crate::CLOCK_SKEW`]).
async fn take_on(
    conn: &mut sqlx::AnyConnection,
    id_hash: &str,
    now: OffsetDateTime,
) -> Result<Option<Ticket>, StoreError> {
    let row = sqlx::query(&TICKET_TAKE)
        .bind(id_hash)
        .fetch_optional(conn)
        .await?;
    Ok(row
        .as_ref()
        .map(to_ticket)
        .transpose()?
        .filter(|t| t.expires_at > now && !crate::issued_in_future(t.created_at, now)))
}

impl Store {
    pub async fn insert_ticket(&self, id_hash: &str, t: &Ticket) -> Result<(), StoreError> {
        sqlx::query(&TICKET_INSERT)
            .bind(id_hash)
            .bind(t.kind.code())
            .bind(&t.session_id)
            .bind(t.account_id)
            .bind(t.service_id)
            .bind(&t.service_url)
            .bind(t.strength.as_str())
            .bind(ts(t.auth_at))
            .bind(i64::from(t.from_new_login))
            .bind(serde_json::to_string(&t.proxies).unwrap_or_else(|_| "[]".into()))
            .bind(t.client_fingerprint.clone())
            .bind(
                t.device
                    .as_ref()
                    .and_then(|d| serde_json::to_string(d).ok()),
            )
            .bind(ts(t.created_at))
            .bind(ts(t.expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Removes and returns a service or proxy ticket: whoever calls this first gets it, nobody
    /// gets it twice (CAS 3.0 §3.1.1). Expired tickets are removed too, and reported as absent.
    pub async fn take_ticket(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Ticket>, StoreError> {
        take_on(&mut *self.pool.acquire().await?, id_hash, now).await
    }

    /// [`Store::take_ticket`], and with the ticket its account and service (a validation needs
    /// all three), read on the one pooled connection: one connection hand-off instead of three
    /// (docs/flamegraphs/README.md: with SQLite each hand-off wakes the connection's thread, and
    /// the pool pings it when it is given back). The account and service are `None` when they
    /// are gone (deleted since the ticket was issued).
    pub async fn take_ticket_with_parties(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<TakenTicket>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let Some(ticket) = take_on(&mut conn, id_hash, now).await? else {
            return Ok(None);
        };
        Ok(Some(TakenTicket {
            account: crate::accounts::account_by_id_on(&mut conn, ticket.account_id).await?,
            service: crate::services::service_by_id_on(&mut conn, ticket.service_id).await?,
            ticket,
        }))
    }

    /// A proxy-granting ticket, which stays valid (for its lifetime) across uses.
    pub async fn proxy_granting_ticket(
        &self,
        id_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Ticket>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM tickets WHERE id = $1 AND kind = 'PGT' AND expires_at > $2 \
             AND created_at <= $3"
        ))
        .bind(id_hash)
        .bind(ts(now))
        .bind(ts(now + crate::CLOCK_SKEW))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_ticket).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sessions::tests::{account_and_service, session};
    use crate::testdb::each_backend;
    use limen_core::Strength;
    use time::Duration;

    fn ticket(kind: TicketKind, account: i64, service: i64, now: OffsetDateTime) -> Ticket {
        Ticket {
            kind,
            session_id: "sess".into(),
            account_id: account,
            service_id: service,
            service_url: "https://s.example.org/x".into(),
            strength: Strength::Password,
            auth_at: now,
            from_new_login: true,
            proxies: vec!["https://p.example.org/cb".into()],
            client_fingerprint: Some("f".repeat(64)),
            device: Some(limen_core::ProofDevice {
                id: "7".into(),
                kind: "security_key".into(),
                name: "Blue key".into(),
                level: None,
            }),
            created_at: now,
            expires_at: now + Duration::seconds(60),
        }
    }

    #[tokio::test]
    async fn service_tickets_are_single_use_and_expire() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (account, service) = account_and_service(&store).await;
            store
                .create_session(&session("sess", account, now), now + Duration::hours(1))
                .await
                .unwrap();
            store
                .insert_ticket("h1", &ticket(TicketKind::Service, account, service, now))
                .await
                .unwrap();
            store
                .insert_ticket("h2", &ticket(TicketKind::Service, account, service, now))
                .await
                .unwrap();
            let t = store.take_ticket("h1", now).await.unwrap().unwrap();
            assert_eq!(t.kind, TicketKind::Service);
            assert_eq!(t.proxies, vec!["https://p.example.org/cb".to_owned()]);
            assert!(t.from_new_login);
            assert_eq!(t.client_fingerprint, Some("f".repeat(64)));
            assert_eq!(t.device.as_ref().map(|d| d.name.as_str()), Some("Blue key"));
            assert!(
                store.take_ticket("h1", now).await.unwrap().is_none(),
                "replay must fail"
            );
            assert!(
                store
                    .take_ticket("h2", now + Duration::seconds(61))
                    .await
                    .unwrap()
                    .is_none(),
                "expired"
            );
            assert!(
                store.take_ticket("h2", now).await.unwrap().is_none(),
                "expired tickets are gone"
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_ticket_taken_with_its_parties_is_single_use_too() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (account, service) = account_and_service(&store).await;
            store
                .create_session(&session("sess", account, now), now + Duration::hours(1))
                .await
                .unwrap();
            for h in ["h1", "h2", "h3"] {
                store
                    .insert_ticket(h, &ticket(TicketKind::Service, account, service, now))
                    .await
                    .unwrap();
            }
            let taken = store
                .take_ticket_with_parties("h1", now)
                .await
                .unwrap()
                .expect("taken");
            assert_eq!(taken.ticket.account_id, account);
            assert_eq!(taken.account.map(|a| a.id), Some(account));
            assert_eq!(taken.service.map(|s| s.id), Some(service));
            let again = store.take_ticket_with_parties("h1", now).await.unwrap();
            assert!(again.is_none(), "replay must fail");
            let late = now + Duration::seconds(61);
            assert!(
                store
                    .take_ticket_with_parties("h2", late)
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store.take_ticket("h2", now).await.unwrap().is_none(),
                "gone"
            );
            let before = now - crate::CLOCK_SKEW - Duration::seconds(1);
            assert!(
                store
                    .take_ticket_with_parties("h3", before)
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store.take_ticket("h3", now).await.unwrap().is_none(),
                "spent"
            );
        })
        .await;
    }

    #[tokio::test]
    async fn a_ticket_from_this_nodes_future_is_refused() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (account, service) = account_and_service(&store).await;
            store
                .create_session(&session("sess", account, now), now + Duration::hours(2))
                .await
                .unwrap();
            for id in ["near", "far", "pgt"] {
                let kind = if id == "pgt" {
                    TicketKind::ProxyGranting
                } else {
                    TicketKind::Service
                };
                store
                    .insert_ticket(id, &ticket(kind, account, service, now))
                    .await
                    .unwrap();
            }
            // Another node 20 s behind (within CLOCK_SKEW) takes it.
            assert!(
                store
                    .take_ticket("near", now - Duration::seconds(20))
                    .await
                    .unwrap()
                    .is_some()
            );
            // The clock stepped back an hour: the ticket would live an hour longer; refused,
            // and spent.
            let stepped_back = now - Duration::hours(1);
            assert!(
                store
                    .take_ticket("far", stepped_back)
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(store.take_ticket("far", now).await.unwrap().is_none());
            assert!(
                store
                    .proxy_granting_ticket("pgt", stepped_back)
                    .await
                    .unwrap()
                    .is_none()
            );
            assert!(
                store
                    .proxy_granting_ticket("pgt", now)
                    .await
                    .unwrap()
                    .is_some()
            );
        })
        .await;
    }

    #[tokio::test]
    async fn proxy_granting_tickets_are_reusable_and_die_with_the_session() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let (account, service) = account_and_service(&store).await;
            store
                .create_session(&session("sess", account, now), now + Duration::hours(1))
                .await
                .unwrap();
            store
                .insert_ticket(
                    "pgt",
                    &ticket(TicketKind::ProxyGranting, account, service, now),
                )
                .await
                .unwrap();
            assert!(
                store.take_ticket("pgt", now).await.unwrap().is_none(),
                "a PGT is not a service ticket"
            );
            assert!(
                store
                    .proxy_granting_ticket("pgt", now)
                    .await
                    .unwrap()
                    .is_some()
            );
            assert!(
                store
                    .proxy_granting_ticket("pgt", now)
                    .await
                    .unwrap()
                    .is_some()
            );
            store.end_session("sess").await.unwrap();
            assert!(
                store
                    .proxy_granting_ticket("pgt", now)
                    .await
                    .unwrap()
                    .is_none()
            );
        })
        .await;
    }
}
