-- Issue 13 item 5: the groups accounts belong to, released to services as EU Login releases them
-- (the CAS `groups` attribute, the OpenID Connect `groups` claim). Names follow
-- limen_core::GroupName (trimmed, NFC, no comma, case-sensitive); unique as written.
CREATE TABLE user_groups (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT,
    created_at BIGINT NOT NULL
);

-- One membership. Removing a group removes its memberships; deleting an account (which keeps
-- its row, status `deleted`) removes them explicitly (Store::delete_account), and the cascade
-- covers a row actually deleted.
CREATE TABLE user_group_members (
    group_id BIGINT NOT NULL REFERENCES user_groups(id) ON DELETE CASCADE,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (group_id, account_id)
);
CREATE INDEX user_group_members_account ON user_group_members(account_id);
