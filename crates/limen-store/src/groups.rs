//! Groups and their members (issue 13: EU Login releases an account's groups to services).
//!
//! A group is a name (a [`GroupName`]: case-sensitive, compared as written) with an optional
//! description; a membership links it to an account. Removing a group removes its memberships;
//! deleting an account removes its memberships ([`Store::delete_account`]). Lists are sorted here,
//! by code point, rather than by the database: PostgreSQL's collation would order them by the
//! server's locale, SQLite's by bytes, and the two backends must answer alike.

use crate::{Store, StoreError, from_ts, ts};
use limen_core::GroupName;
use sqlx::Row;
use sqlx::any::AnyRow;
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct Group {
    pub id: i64,
    pub name: GroupName,
    pub description: Option<String>,
    pub created_at: OffsetDateTime,
    /// Accounts in the group (deleted accounts are in none).
    pub members: i64,
}

/// A member of a group, as an administrator lists them.
#[derive(Debug, Clone)]
pub struct GroupMember {
    pub account_id: i64,
    pub uid: String,
    pub email: String,
    pub added_at: OffsetDateTime,
}

/// What adding or removing a membership did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MembershipChange {
    /// Added, or removed.
    Done,
    /// Nothing to do: already a member (add), or not a member (remove).
    Unchanged,
    NoSuchGroup,
    /// No such account, or a deleted one.
    NoSuchAccount,
}

/// Member counts leave out deleted accounts: a membership added while its account was being
/// deleted must not be counted (nor released, see [`Store::account_groups`]).
const COLUMNS: &str = "g.id, g.name, g.description, g.created_at, \
     (SELECT COUNT(*) FROM user_group_members m JOIN accounts a ON a.id = m.account_id \
      WHERE m.group_id = g.id AND a.status <> 'deleted') AS members";

fn to_group(row: &AnyRow) -> Result<Group, StoreError> {
    let name: String = row.try_get("name")?;
    Ok(Group {
        id: row.try_get("id")?,
        name: GroupName::parse(&name)
            .map_err(|e| StoreError::Corrupt(format!("group name {name:?}: {e}")))?,
        description: row.try_get("description")?,
        created_at: from_ts(row.try_get("created_at")?),
        members: row.try_get("members")?,
    })
}

impl Store {
    /// Creates a group; [`StoreError::Duplicate`]`("group")` when the name is taken.
    pub async fn create_group(
        &self,
        name: &GroupName,
        description: Option<&str>,
        now: OffsetDateTime,
    ) -> Result<Group, StoreError> {
        let row = sqlx::query(
            "INSERT INTO user_groups (name, description, created_at) VALUES ($1, $2, $3) \
             RETURNING id, created_at",
        )
        .bind(name.as_str())
        .bind(description.map(str::to_owned))
        .bind(ts(now))
        .fetch_one(&self.pool)
        .await
        .map_err(|e| StoreError::on_unique(e, "group"))?;
        Ok(Group {
            id: row.try_get("id")?,
            name: name.clone(),
            description: description.map(str::to_owned),
            created_at: from_ts(row.try_get("created_at")?),
            members: 0,
        })
    }

    /// Removes a group and its memberships; returns how many accounts were in it.
    /// [`StoreError::NotFound`] when there is no such group.
    pub async fn delete_group(&self, name: &GroupName) -> Result<u64, StoreError> {
        // The first statement writes: on SQLite a transaction that reads first and then writes
        // fails at once (SQLITE_BUSY, no waiting) when another connection wrote in between.
        let mut tx = self.pool.begin().await?;
        let members = sqlx::query(
            "DELETE FROM user_group_members WHERE group_id IN \
             (SELECT id FROM user_groups WHERE name = $1)",
        )
        .bind(name.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let groups = sqlx::query("DELETE FROM user_groups WHERE name = $1")
            .bind(name.as_str())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if groups == 0 {
            tx.rollback().await?;
            return Err(StoreError::NotFound);
        }
        tx.commit().await?;
        Ok(members)
    }

    /// Sets (or, with `None`, clears) a group's description. [`StoreError::NotFound`] when
    /// there is no such group.
    pub async fn set_group_description(
        &self,
        name: &GroupName,
        description: Option<&str>,
    ) -> Result<(), StoreError> {
        let done = sqlx::query("UPDATE user_groups SET description = $1 WHERE name = $2")
            .bind(description.map(str::to_owned))
            .bind(name.as_str())
            .execute(&self.pool)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Every group with its member count, by name.
    pub async fn list_groups(&self) -> Result<Vec<Group>, StoreError> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM user_groups g"))
            .fetch_all(&self.pool)
            .await?;
        let mut groups = rows.iter().map(to_group).collect::<Result<Vec<_>, _>>()?;
        groups.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(groups)
    }

    pub async fn group(&self, name: &GroupName) -> Result<Option<Group>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM user_groups g WHERE g.name = $1"
        ))
        .bind(name.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(to_group).transpose()
    }

    /// Puts an account in a group. One statement in the usual case; when it adds nothing, the
    /// lookups that follow say why.
    pub async fn add_group_member(
        &self,
        group: &GroupName,
        account_id: i64,
        now: OffsetDateTime,
    ) -> Result<MembershipChange, StoreError> {
        // SQLite needs the WHERE clause of an INSERT … SELECT … ON CONFLICT (its grammar would
        // otherwise read ON as a join's); PostgreSQL takes it as it is.
        let added = sqlx::query(
            "INSERT INTO user_group_members (group_id, account_id, added_at) \
             SELECT g.id, a.id, $3 FROM user_groups g, accounts a \
             WHERE g.name = $1 AND a.id = $2 AND a.status <> 'deleted' \
             ON CONFLICT DO NOTHING",
        )
        .bind(group.as_str())
        .bind(account_id)
        .bind(ts(now))
        .execute(&self.pool)
        .await?
        .rows_affected();
        if added > 0 {
            return Ok(MembershipChange::Done);
        }
        if self.group_id(group).await?.is_none() {
            return Ok(MembershipChange::NoSuchGroup);
        }
        if self.account_by_id(account_id).await?.is_none() {
            return Ok(MembershipChange::NoSuchAccount);
        }
        Ok(MembershipChange::Unchanged)
    }

    /// Takes an account out of a group.
    pub async fn remove_group_member(
        &self,
        group: &GroupName,
        account_id: i64,
    ) -> Result<MembershipChange, StoreError> {
        let removed = sqlx::query(
            "DELETE FROM user_group_members WHERE account_id = $2 \
             AND group_id = (SELECT id FROM user_groups WHERE name = $1)",
        )
        .bind(group.as_str())
        .bind(account_id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if removed > 0 {
            return Ok(MembershipChange::Done);
        }
        if self.group_id(group).await?.is_none() {
            return Ok(MembershipChange::NoSuchGroup);
        }
        Ok(MembershipChange::Unchanged)
    }

    /// The members of a group, by e-mail address (case-insensitive); `None` when there is no
    /// such group.
    pub async fn group_members(
        &self,
        group: &GroupName,
    ) -> Result<Option<Vec<GroupMember>>, StoreError> {
        let Some(id) = self.group_id(group).await? else {
            return Ok(None);
        };
        let rows = sqlx::query(
            "SELECT a.id, a.uid, a.email, a.email_key, m.added_at FROM user_group_members m \
             JOIN accounts a ON a.id = m.account_id \
             WHERE m.group_id = $1 AND a.status <> 'deleted'",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let mut members = rows
            .iter()
            .map(|r| {
                let key: String = r.try_get("email_key")?;
                let member = GroupMember {
                    account_id: r.try_get("id")?,
                    uid: r.try_get("uid")?,
                    email: r.try_get("email")?,
                    added_at: from_ts(r.try_get("added_at")?),
                };
                Ok((key, member))
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        members.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Some(members.into_iter().map(|(_, m)| m).collect()))
    }

    /// The names of the groups an account belongs to, sorted by name (code point order): what
    /// CAS validation and OpenID Connect release. Empty for a deleted or unknown account.
    pub async fn account_groups(&self, account_id: i64) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT g.name FROM user_group_members m \
             JOIN user_groups g ON g.id = m.group_id \
             JOIN accounts a ON a.id = m.account_id \
             WHERE m.account_id = $1 AND a.status <> 'deleted'",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        let mut names = rows
            .iter()
            .map(|r| r.try_get::<String, _>("name"))
            .collect::<Result<Vec<_>, _>>()?;
        names.sort();
        Ok(names)
    }

    async fn group_id(&self, name: &GroupName) -> Result<Option<i64>, StoreError> {
        let row = sqlx::query("SELECT id FROM user_groups WHERE name = $1")
            .bind(name.as_str())
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.try_get("id")).transpose()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::tests::new_account;
    use crate::testdb::each_backend;

    fn name(s: &str) -> GroupName {
        GroupName::parse(s).unwrap()
    }

    #[tokio::test]
    async fn groups_and_memberships_round_trip() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let jane = store
                .create_account(new_account("jane@example.org"), now)
                .await
                .unwrap();
            let bob = store
                .create_account(new_account("Bob@example.org"), now)
                .await
                .unwrap();
            let staff = store
                .create_group(&name("Staff"), Some("Everyone on the payroll"), now)
                .await
                .unwrap();
            assert_eq!(staff.members, 0);
            // Case-sensitive: "staff" is another group; "Staff" is taken.
            store.create_group(&name("staff"), None, now).await.unwrap();
            assert!(matches!(
                store.create_group(&name("Staff"), None, now).await,
                Err(StoreError::Duplicate("group"))
            ));
            store
                .create_group(&name("DIGIT-A3"), None, now)
                .await
                .unwrap();

            for (group, account) in [("Staff", jane.id), ("DIGIT-A3", jane.id), ("Staff", bob.id)] {
                assert_eq!(
                    store
                        .add_group_member(&name(group), account, now)
                        .await
                        .unwrap(),
                    MembershipChange::Done
                );
            }
            assert_eq!(
                store
                    .add_group_member(&name("Staff"), jane.id, now)
                    .await
                    .unwrap(),
                MembershipChange::Unchanged
            );
            assert_eq!(
                store
                    .add_group_member(&name("Nobody"), jane.id, now)
                    .await
                    .unwrap(),
                MembershipChange::NoSuchGroup
            );
            assert_eq!(
                store
                    .add_group_member(&name("Staff"), 999_999, now)
                    .await
                    .unwrap(),
                MembershipChange::NoSuchAccount
            );

            // Sorted by code point: upper case before lower case, whatever the backend's locale.
            assert_eq!(
                store.account_groups(jane.id).await.unwrap(),
                vec!["DIGIT-A3", "Staff"]
            );
            assert_eq!(store.account_groups(bob.id).await.unwrap(), vec!["Staff"]);
            let listed: Vec<(String, i64)> = store
                .list_groups()
                .await
                .unwrap()
                .into_iter()
                .map(|g| (g.name.to_string(), g.members))
                .collect();
            assert_eq!(
                listed,
                vec![
                    ("DIGIT-A3".into(), 1),
                    ("Staff".into(), 2),
                    ("staff".into(), 0)
                ]
            );
            let members = store.group_members(&name("Staff")).await.unwrap().unwrap();
            let emails: Vec<&str> = members.iter().map(|m| m.email.as_str()).collect();
            assert_eq!(emails, vec!["Bob@example.org", "jane@example.org"]);
            assert_eq!(members[1].uid, jane.uid);
            assert_eq!(members[1].added_at, now);
            assert!(
                store
                    .group_members(&name("Nobody"))
                    .await
                    .unwrap()
                    .is_none()
            );
            let found = store.group(&name("Staff")).await.unwrap().unwrap();
            assert_eq!(
                found.description.as_deref(),
                Some("Everyone on the payroll")
            );
            assert!(store.group(&name("STAFF")).await.unwrap().is_none());

            assert_eq!(
                store
                    .remove_group_member(&name("Staff"), bob.id)
                    .await
                    .unwrap(),
                MembershipChange::Done
            );
            assert_eq!(
                store
                    .remove_group_member(&name("Staff"), bob.id)
                    .await
                    .unwrap(),
                MembershipChange::Unchanged
            );
            assert_eq!(
                store
                    .remove_group_member(&name("Nobody"), bob.id)
                    .await
                    .unwrap(),
                MembershipChange::NoSuchGroup
            );
            assert!(store.account_groups(bob.id).await.unwrap().is_empty());

            // Removing a group takes its memberships with it.
            assert_eq!(store.delete_group(&name("Staff")).await.unwrap(), 1);
            assert!(matches!(
                store.delete_group(&name("Staff")).await,
                Err(StoreError::NotFound)
            ));
            assert_eq!(
                store.account_groups(jane.id).await.unwrap(),
                vec!["DIGIT-A3"]
            );
            // A new group of the same name starts empty.
            store.create_group(&name("Staff"), None, now).await.unwrap();
            assert_eq!(
                store
                    .group_members(&name("Staff"))
                    .await
                    .unwrap()
                    .unwrap()
                    .len(),
                0
            );
        })
        .await;
    }

    /// A deleted account keeps its row (the audit log points at it) but leaves every group, and
    /// cannot be put back in one.
    #[tokio::test]
    async fn deleting_an_account_ends_its_memberships() {
        each_backend(|store| async move {
            let now = OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap();
            let jane = store
                .create_account(new_account("jane@example.org"), now)
                .await
                .unwrap();
            store.create_group(&name("Staff"), None, now).await.unwrap();
            store
                .add_group_member(&name("Staff"), jane.id, now)
                .await
                .unwrap();
            store.delete_account(jane.id, now).await.unwrap();
            assert!(store.account_groups(jane.id).await.unwrap().is_empty());
            assert_eq!(
                store.group(&name("Staff")).await.unwrap().unwrap().members,
                0
            );
            let rows = crate::testdb::row_counts(&store).await;
            assert_eq!(rows["user_group_members"], 0, "{rows:?}");
            assert_eq!(
                store
                    .add_group_member(&name("Staff"), jane.id, now)
                    .await
                    .unwrap(),
                MembershipChange::NoSuchAccount
            );
        })
        .await;
    }
}
