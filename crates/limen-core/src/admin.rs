//! Who may administer what (issue 21, docs/ADMIN.md §2): three roles, and the capabilities
//! every admin API endpoint and console page asks for.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AdminRole {
    /// Everything.
    Admin,
    /// Accounts only: find and show them, unlock, send a password reset link, remove factors,
    /// end sessions, unlock and resynchronise tokens. Nothing about services or keys.
    Helpdesk,
    /// Read-only: accounts, the registry, keys (public parts), the audit log.
    Auditor,
}

/// What an endpoint or page needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Capability {
    /// Search and show accounts, their factors and sessions.
    ReadAccounts,
    /// The help-desk actions on an account (unlock, reset link, remove factors, end sessions;
    /// unlock and resynchronise its tokens).
    Helpdesk,
    /// Create, lock, delete accounts, set their assurance, groups and memberships, assign and
    /// import tokens.
    ManageAccounts,
    /// Read services, upstream providers, signing keys, the method policy.
    ReadRegistry,
    /// Change them.
    ManageRegistry,
    /// Search and export the audit log; the dashboard's figures.
    ReadAudit,
    /// Grant and revoke admin roles.
    ManageAdmins,
}

impl Capability {
    pub const ALL: [Capability; 7] = [
        Capability::ReadAccounts,
        Capability::Helpdesk,
        Capability::ManageAccounts,
        Capability::ReadRegistry,
        Capability::ManageRegistry,
        Capability::ReadAudit,
        Capability::ManageAdmins,
    ];
}

impl AdminRole {
    pub const ALL: [AdminRole; 3] = [AdminRole::Admin, AdminRole::Helpdesk, AdminRole::Auditor];

    /// Whether this role has every capability of `other`: an operator may act on the account
    /// of someone holding `other` (unlock it, send it a password link, remove its factors, end
    /// its sessions) only then — else a help desk could strip an admin's second factor and take
    /// the stronger role over.
    pub fn covers(self, other: AdminRole) -> bool {
        Capability::ALL
            .into_iter()
            .all(|c| !other.may(c) || self.may(c))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            AdminRole::Admin => "admin",
            AdminRole::Helpdesk => "helpdesk",
            AdminRole::Auditor => "auditor",
        }
    }

    pub fn may(self, c: Capability) -> bool {
        match self {
            AdminRole::Admin => true,
            AdminRole::Helpdesk => matches!(c, Capability::ReadAccounts | Capability::Helpdesk),
            AdminRole::Auditor => matches!(
                c,
                Capability::ReadAccounts | Capability::ReadRegistry | Capability::ReadAudit
            ),
        }
    }
}

impl fmt::Display for AdminRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for AdminRole {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "admin" => Ok(AdminRole::Admin),
            "helpdesk" => Ok(AdminRole::Helpdesk),
            "auditor" => Ok(AdminRole::Auditor),
            other => Err(format!(
                "unknown role {other:?}: admin, helpdesk or auditor"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_grant_what_docs_admin_says() {
        use Capability::*;
        let all = [
            ReadAccounts,
            Helpdesk,
            ManageAccounts,
            ReadRegistry,
            ManageRegistry,
            ReadAudit,
            ManageAdmins,
        ];
        assert!(all.iter().all(|c| AdminRole::Admin.may(*c)));
        let help: Vec<_> = all
            .iter()
            .filter(|c| AdminRole::Helpdesk.may(**c))
            .collect();
        assert_eq!(help, [&ReadAccounts, &Helpdesk]);
        let aud: Vec<_> = all.iter().filter(|c| AdminRole::Auditor.may(**c)).collect();
        assert_eq!(aud, [&ReadAccounts, &ReadRegistry, &ReadAudit]);
        for r in AdminRole::ALL {
            assert_eq!(r.as_str().parse::<AdminRole>(), Ok(r));
        }
        assert!("root".parse::<AdminRole>().is_err());
    }

    #[test]
    fn a_role_covers_itself_and_weaker_ones_only() {
        use AdminRole::*;
        for r in AdminRole::ALL {
            assert!(Admin.covers(r));
            assert!(r.covers(r));
        }
        assert!(!Helpdesk.covers(Admin));
        assert!(!Helpdesk.covers(Auditor));
        assert!(!Auditor.covers(Admin));
        assert!(!Auditor.covers(Helpdesk));
    }
}
