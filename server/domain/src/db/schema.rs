// @generated automatically by Diesel CLI.

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

diesel::allow_tables_to_appear_in_same_query!(jobs, periodic_jobs, sessions,);
