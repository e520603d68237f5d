// @generated automatically by Diesel CLI.

diesel::table! {
    account_tokens (id) {
        id -> Uuid,
        user_id -> Uuid,
        purpose -> Text,
        token_hash -> Bytea,
        email -> Text,
        expires_at -> Timestamptz,
        used_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    addresses (id) {
        id -> Uuid,
        user_id -> Uuid,
        full_name -> Text,
        line1 -> Text,
        line2 -> Text,
        city -> Text,
        region -> Text,
        postal_code -> Text,
        country -> Text,
        phone -> Text,
        is_default -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    audit_log (id) {
        id -> Int8,
        actor_id -> Nullable<Uuid>,
        action -> Text,
        subject_type -> Text,
        subject_id -> Text,
        before -> Nullable<Jsonb>,
        after -> Nullable<Jsonb>,
        request_id -> Nullable<Text>,
        at -> Timestamptz,
    }
}

diesel::table! {
    emails (id) {
        id -> Uuid,
        to_address -> Text,
        subject -> Text,
        text_body -> Text,
        html_body -> Text,
        status -> Text,
        attempts -> Int4,
        last_error -> Nullable<Text>,
        sent_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    jobs (id) {
        id -> Int8,
        name -> Text,
        queue -> Text,
        payload -> Jsonb,
        status -> Text,
        attempts -> Int4,
        max_attempts -> Int4,
        run_at -> Timestamptz,
        locked_by -> Nullable<Text>,
        locked_until -> Nullable<Timestamptz>,
        last_error -> Nullable<Text>,
        created_at -> Timestamptz,
        started_at -> Nullable<Timestamptz>,
        finished_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    periodic_jobs (name) {
        name -> Text,
        interval_seconds -> Int4,
        next_run_at -> Timestamptz,
        last_enqueued_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    sessions (id) {
        id -> Text,
        data -> Jsonb,
        expiry_date -> Timestamptz,
    }
}

diesel::table! {
    users (id) {
        id -> Uuid,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        role -> Text,
        plan -> Text,
        style_preferences -> Jsonb,
        size_profile -> Jsonb,
        email_verified_at -> Nullable<Timestamptz>,
        disabled_at -> Nullable<Timestamptz>,
        last_login_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(account_tokens -> users (user_id));
diesel::joinable!(addresses -> users (user_id));
diesel::joinable!(audit_log -> users (actor_id));

diesel::allow_tables_to_appear_in_same_query!(
    account_tokens,
    addresses,
    audit_log,
    emails,
    jobs,
    periodic_jobs,
    sessions,
    users,
);
