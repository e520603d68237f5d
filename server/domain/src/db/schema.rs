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
        project_id -> Nullable<Uuid>,
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
        purged_at -> Nullable<Timestamptz>,
        contact_message_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    contact_messages (id) {
        id -> Uuid,
        name -> Text,
        email -> Text,
        subject -> Text,
        message -> Text,
        status -> Text,
        error_message -> Nullable<Text>,
        sent_at -> Nullable<Timestamptz>,
        notice_email_id -> Nullable<Uuid>,
        handled_at -> Nullable<Timestamptz>,
        handled_by -> Nullable<Uuid>,
        replied_at -> Nullable<Timestamptz>,
        client_ip -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    waitlist_entries (id) {
        id -> Uuid,
        email -> Text,
        first_name -> Text,
        last_name -> Text,
        company -> Text,
        role -> Text,
        interest -> Text,
        confirm_token_hash -> Nullable<Bytea>,
        confirm_sent_at -> Timestamptz,
        confirmed_at -> Nullable<Timestamptz>,
        notified -> Bool,
        notified_at -> Nullable<Timestamptz>,
        invite_run_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    waitlist_invite_runs (id) {
        id -> Uuid,
        requested -> Int4,
        total -> Int4,
        sent -> Int4,
        status -> Text,
        error -> Nullable<Text>,
        started_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        finished_at -> Nullable<Timestamptz>,
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

diesel::table! {
    brands (id) {
        id -> Int8,
        slug -> Text,
        name -> Text,
        description -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    catalog_imports (id) {
        id -> Uuid,
        status -> Text,
        file_name -> Text,
        plan -> Jsonb,
        errors -> Jsonb,
        rows -> Int4,
        total -> Int4,
        done -> Int4,
        created -> Int4,
        updated -> Int4,
        last_error -> Nullable<Text>,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    categories (id) {
        id -> Int8,
        parent_id -> Nullable<Int8>,
        slug -> Text,
        name -> Text,
        description -> Text,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    listing_counts (category_id, brand_id, price_band, rating_floor, in_stock) {
        category_id -> Int8,
        brand_id -> Int8,
        price_band -> Int2,
        rating_floor -> Int2,
        in_stock -> Bool,
        products -> Int4,
    }
}

diesel::table! {
    media (id) {
        id -> Uuid,
        content_type -> Text,
        width -> Int4,
        height -> Int4,
        bytes -> Int8,
        status -> Text,
        created_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        variant_widths -> Array<Int4>,
        last_error -> Nullable<Text>,
        owner_id -> Nullable<Uuid>,
        visibility -> Text,
    }
}

diesel::table! {
    product_categories (product_id, category_id) {
        product_id -> Int8,
        category_id -> Int8,
    }
}

diesel::table! {
    product_embeddings (product_id) {
        product_id -> Int8,
        model -> Text,
        source_hash -> Text,
        embedding -> Array<Float4>,
        similar_ids -> Array<Int8>,
        embedded_at -> Timestamptz,
        neighbours_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    product_images (id) {
        id -> Int8,
        product_id -> Int8,
        media_id -> Uuid,
        position -> Int4,
        alt -> Text,
    }
}

diesel::table! {
    product_variants (id) {
        id -> Int8,
        product_id -> Int8,
        sku -> Text,
        options -> Jsonb,
        price_cents -> Int8,
        compare_at_cents -> Nullable<Int8>,
        currency -> Text,
        stock -> Int4,
        low_stock_threshold -> Int4,
        position -> Int4,
        archived -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        sold -> Int4,
        sold_counted -> Int4,
    }
}

diesel::table! {
    /// `search_document` (tsvector) is left out: it is written by a trigger and read through
    /// SQL fragments only.
    products (id) {
        id -> Int8,
        slug -> Text,
        name -> Text,
        description -> Text,
        status -> Text,
        brand_id -> Nullable<Int8>,
        category_id -> Int8,
        featured -> Bool,
        currency -> Text,
        price_cents -> Int8,
        compare_at_cents -> Nullable<Int8>,
        in_stock -> Bool,
        rating_count -> Int4,
        rating_sum -> Int4,
        rating_avg -> Float4,
        rating_hist -> Array<Int4>,
        sales_count -> Int4,
        published_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    review_votes (review_id, user_id) {
        review_id -> Int8,
        user_id -> Uuid,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    reviews (id) {
        id -> Int8,
        product_id -> Int8,
        user_id -> Uuid,
        rating -> Int2,
        title -> Text,
        body -> Text,
        status -> Text,
        helpful_count -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    search_words (word) {
        word -> Text,
    }
}

diesel::table! {
    slug_redirects (kind, old_slug) {
        kind -> Text,
        old_slug -> Text,
        target_id -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    wishlist_items (user_id, product_id) {
        user_id -> Uuid,
        product_id -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    cart_items (id) {
        cart_id -> Uuid,
        variant_id -> Int8,
        quantity -> Int4,
        added_at -> Timestamptz,
        result_id -> Nullable<Uuid>,
        id -> Int8,
    }
}

diesel::table! {
    carts (id) {
        id -> Uuid,
        user_id -> Nullable<Uuid>,
        coupon_code -> Nullable<Text>,
        hold_expired_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    coupon_uses (coupon_id, order_id) {
        coupon_id -> Int8,
        order_id -> Int8,
        user_id -> Nullable<Uuid>,
        email -> Text,
        used_at -> Timestamptz,
        address_key -> Text,
    }
}

diesel::table! {
    coupons (id) {
        id -> Int8,
        code -> Text,
        description -> Text,
        kind -> Text,
        amount -> Int8,
        min_subtotal_cents -> Int8,
        starts_at -> Nullable<Timestamptz>,
        ends_at -> Nullable<Timestamptz>,
        usage_limit -> Nullable<Int4>,
        per_user_limit -> Nullable<Int4>,
        times_used -> Int4,
        active -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    notifications (id) {
        id -> Int8,
        user_id -> Uuid,
        title -> Text,
        body -> Text,
        link -> Text,
        read_at -> Nullable<Timestamptz>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    order_events (id) {
        id -> Int8,
        order_id -> Int8,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_id -> Nullable<Uuid>,
        actor_role -> Text,
        note -> Text,
        at -> Timestamptz,
    }
}

diesel::table! {
    order_lines (id) {
        id -> Int8,
        order_id -> Int8,
        variant_id -> Nullable<Int8>,
        product_id -> Nullable<Int8>,
        product_name -> Text,
        product_slug -> Text,
        sku -> Text,
        options -> Jsonb,
        unit_price_cents -> Int8,
        quantity -> Int4,
        line_total_cents -> Int8,
        result_id -> Nullable<Uuid>,
        print_media_id -> Nullable<Uuid>,
    }
}

diesel::table! {
    orders (id) {
        id -> Int8,
        number -> Text,
        idempotency_key -> Uuid,
        user_id -> Nullable<Uuid>,
        email -> Text,
        status -> Text,
        currency -> Text,
        subtotal_cents -> Int8,
        discount_cents -> Int8,
        shipping_cents -> Int8,
        tax_cents -> Int8,
        total_cents -> Int8,
        tax_rate_bp -> Int4,
        coupon_id -> Nullable<Int8>,
        coupon_code -> Nullable<Text>,
        shipping_method -> Text,
        ship_to -> Jsonb,
        placed_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    payments (id) {
        id -> Int8,
        order_id -> Int8,
        provider -> Text,
        reference -> Text,
        status -> Text,
        amount_cents -> Int8,
        refunded_cents -> Int8,
        currency -> Text,
        card_brand -> Text,
        card_last4 -> Text,
        refund_reference -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    shipping_methods (id) {
        id -> Int8,
        code -> Text,
        name -> Text,
        price_cents -> Int8,
        free_over_cents -> Nullable<Int8>,
        min_days -> Int4,
        max_days -> Int4,
        active -> Bool,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    stock_holds (cart_id, variant_id) {
        cart_id -> Uuid,
        variant_id -> Int8,
        quantity -> Int4,
        expires_at -> Timestamptz,
        client_key -> Text,
    }
}

diesel::table! {
    tax_rates (country) {
        country -> Text,
        rate_bp -> Int4,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    style_categories (id) {
        id -> Int8,
        name -> Text,
        slug -> Text,
        icon -> Text,
        colour -> Text,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    styles (id) {
        id -> Int8,
        category_id -> Int8,
        name -> Text,
        slug -> Text,
        description -> Text,
        engine -> Text,
        local_recipe -> Nullable<Jsonb>,
        prompt_template -> Text,
        quality -> Text,
        background -> Text,
        output_format -> Text,
        size -> Text,
        supports_transparency -> Bool,
        premium -> Bool,
        active -> Bool,
        usage_count -> Int8,
        rating_sum -> Int8,
        rating_count -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        recent_uses -> Int8,
    }
}

diesel::table! {
    style_examples (id) {
        id -> Int8,
        style_id -> Int8,
        before_media_id -> Uuid,
        after_media_id -> Uuid,
        caption -> Text,
        position -> Int4,
    }
}

diesel::table! {
    style_favorites (user_id, style_id) {
        user_id -> Uuid,
        style_id -> Int8,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    style_ratings (user_id, style_id) {
        user_id -> Uuid,
        style_id -> Int8,
        stars -> Int2,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    studio_images (id) {
        id -> Uuid,
        owner_id -> Uuid,
        media_id -> Uuid,
        title -> Text,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    studio_image_tags (image_id, tag) {
        image_id -> Uuid,
        tag -> Text,
    }
}

diesel::table! {
    studio_usage (user_id, day) {
        user_id -> Uuid,
        day -> Date,
        uploads -> Int4,
        jobs -> Int4,
    }
}

diesel::table! {
    ai_calls (id) {
        id -> Int8,
        endpoint -> Text,
        model -> Text,
        status -> Nullable<Int4>,
        latency_ms -> Int4,
        error -> Nullable<Text>,
        job_id -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    studio_jobs (id) {
        id -> Uuid,
        owner_id -> Uuid,
        kind -> Text,
        image_id -> Nullable<Uuid>,
        style_id -> Nullable<Int8>,
        engine -> Text,
        prompt -> Text,
        quality -> Text,
        background -> Text,
        output_format -> Text,
        size -> Text,
        status -> Text,
        stage -> Text,
        cancel_requested -> Bool,
        error -> Nullable<Text>,
        result_media_id -> Nullable<Uuid>,
        quota_day -> Date,
        quota_taken -> Bool,
        idempotency_key -> Uuid,
        runs -> Int4,
        created_at -> Timestamptz,
        started_at -> Nullable<Timestamptz>,
        finished_at -> Nullable<Timestamptz>,
        updated_at -> Timestamptz,
        partials -> Int4,
    }
}

diesel::table! {
    studio_results (id) {
        id -> Uuid,
        owner_id -> Uuid,
        media_id -> Uuid,
        style_id -> Nullable<Int8>,
        favorite -> Bool,
        rating -> Nullable<Int2>,
        downloads -> Int4,
        showcase -> Text,
        showcase_title -> Text,
        submitted_at -> Nullable<Timestamptz>,
        approved_at -> Nullable<Timestamptz>,
        approved_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    client_invitations (id) {
        id -> Uuid,
        client_id -> Uuid,
        email -> Text,
        role -> Text,
        token_hash -> Bytea,
        invited_by -> Nullable<Uuid>,
        created_at -> Timestamptz,
        expires_at -> Timestamptz,
        accepted_at -> Nullable<Timestamptz>,
        accepted_by -> Nullable<Uuid>,
        revoked_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    client_members (user_id) {
        user_id -> Uuid,
        client_id -> Uuid,
        role -> Text,
        added_at -> Timestamptz,
    }
}

diesel::table! {
    clients (id) {
        id -> Uuid,
        slug -> Text,
        name -> Text,
        logo_media_id -> Nullable<Uuid>,
        contact_name -> Text,
        contact_email -> Text,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    milestones (id) {
        id -> Uuid,
        project_id -> Uuid,
        name -> Text,
        due_on -> Nullable<Date>,
        done_at -> Nullable<Timestamptz>,
        position -> Int4,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    project_members (project_id, user_id) {
        project_id -> Uuid,
        user_id -> Uuid,
        role -> Text,
    }
}

diesel::table! {
    project_comments (id) {
        id -> Uuid,
        project_id -> Uuid,
        author_id -> Nullable<Uuid>,
        body_md -> Text,
        created_at -> Timestamptz,
        deleted_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    projects (id) {
        id -> Uuid,
        client_id -> Uuid,
        slug -> Text,
        name -> Text,
        description -> Text,
        scope_md -> Text,
        status -> Text,
        priority -> Text,
        start_on -> Nullable<Date>,
        due_on -> Nullable<Date>,
        budget_cents -> Int8,
        spent_cents -> Int8,
        currency -> Text,
        agency_lead_id -> Nullable<Uuid>,
        client_lead_id -> Nullable<Uuid>,
        tags -> Array<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    tasks (id) {
        id -> Uuid,
        project_id -> Uuid,
        milestone_id -> Nullable<Uuid>,
        title -> Text,
        status -> Text,
        assignee_id -> Nullable<Uuid>,
        due_on -> Nullable<Date>,
        position -> Int4,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        done_at -> Nullable<Timestamptz>,
    }
}

diesel::joinable!(client_invitations -> clients (client_id));
diesel::joinable!(waitlist_entries -> waitlist_invite_runs (invite_run_id));
diesel::joinable!(client_members -> clients (client_id));
diesel::joinable!(client_members -> users (user_id));
diesel::joinable!(milestones -> projects (project_id));
diesel::table! {
    data_sources (id) {
        id -> Uuid,
        project_id -> Uuid,
        name -> Text,
        kind -> Text,
        status -> Text,
        last_sync_at -> Nullable<Timestamptz>,
        record_count -> Int8,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    reports (id) {
        id -> Uuid,
        project_id -> Uuid,
        name -> Text,
        frequency -> Text,
        description -> Text,
        paused -> Bool,
        next_run_at -> Timestamptz,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    report_files (id) {
        id -> Uuid,
        report_id -> Uuid,
        project_id -> Uuid,
        generated_at -> Timestamptz,
        html -> Text,
        csv -> Text,
        mailed_to -> Int4,
    }
}

diesel::table! {
    ai_integrations (project_id) {
        project_id -> Uuid,
        enabled -> Bool,
        features -> Array<Text>,
        models -> Array<Text>,
        documents_indexed -> Int4,
        last_refresh_at -> Nullable<Timestamptz>,
        requests_30d -> Int8,
        errors_30d -> Int8,
        updated_at -> Timestamptz,
    }
}

diesel::table! {
    budget_snapshots (project_id, taken_on) {
        project_id -> Uuid,
        taken_on -> Date,
        budget_cents -> Int8,
        spent_cents -> Int8,
    }
}

diesel::table! {
    project_files (id) {
        id -> Uuid,
        project_id -> Uuid,
        uploaded_by -> Nullable<Uuid>,
        name -> Text,
        content_type -> Text,
        size_bytes -> Int4,
        content -> Bytea,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(project_files -> projects (project_id));

diesel::table! {
    user_identities (provider, subject) {
        provider -> Text,
        subject -> Text,
        user_id -> Uuid,
        email -> Text,
        created_at -> Timestamptz,
        last_used_at -> Timestamptz,
    }
}

diesel::joinable!(user_identities -> users (user_id));
diesel::joinable!(data_sources -> projects (project_id));
diesel::joinable!(reports -> projects (project_id));
diesel::joinable!(report_files -> reports (report_id));
diesel::joinable!(ai_integrations -> projects (project_id));
diesel::joinable!(budget_snapshots -> projects (project_id));
diesel::joinable!(project_comments -> projects (project_id));
diesel::joinable!(project_members -> projects (project_id));
diesel::joinable!(project_members -> users (user_id));
diesel::joinable!(projects -> clients (client_id));
diesel::joinable!(tasks -> projects (project_id));
diesel::joinable!(tasks -> users (assignee_id));
diesel::joinable!(account_tokens -> users (user_id));
diesel::joinable!(ai_calls -> studio_jobs (job_id));
diesel::joinable!(addresses -> users (user_id));
diesel::joinable!(product_categories -> categories (category_id));
diesel::joinable!(product_categories -> products (product_id));
diesel::joinable!(product_embeddings -> products (product_id));
diesel::joinable!(product_images -> media (media_id));
diesel::joinable!(product_images -> products (product_id));
diesel::joinable!(product_variants -> products (product_id));
diesel::joinable!(products -> brands (brand_id));
diesel::joinable!(products -> categories (category_id));
diesel::joinable!(review_votes -> reviews (review_id));
diesel::joinable!(review_votes -> users (user_id));
diesel::joinable!(reviews -> products (product_id));
diesel::joinable!(reviews -> users (user_id));
diesel::joinable!(wishlist_items -> products (product_id));
diesel::joinable!(wishlist_items -> users (user_id));
diesel::joinable!(audit_log -> users (actor_id));
diesel::joinable!(catalog_imports -> users (created_by));
diesel::joinable!(cart_items -> carts (cart_id));
diesel::joinable!(cart_items -> product_variants (variant_id));
diesel::joinable!(carts -> users (user_id));
diesel::joinable!(coupon_uses -> coupons (coupon_id));
diesel::joinable!(coupon_uses -> orders (order_id));
diesel::joinable!(notifications -> users (user_id));
diesel::joinable!(order_events -> orders (order_id));
diesel::joinable!(order_lines -> orders (order_id));
diesel::joinable!(order_lines -> product_variants (variant_id));
diesel::joinable!(orders -> coupons (coupon_id));
diesel::joinable!(orders -> users (user_id));
diesel::joinable!(payments -> orders (order_id));
diesel::joinable!(stock_holds -> carts (cart_id));
diesel::joinable!(stock_holds -> product_variants (variant_id));
diesel::joinable!(styles -> style_categories (category_id));
diesel::joinable!(studio_images -> media (media_id));
diesel::joinable!(studio_image_tags -> studio_images (image_id));
diesel::joinable!(studio_jobs -> studio_images (image_id));
diesel::joinable!(studio_jobs -> styles (style_id));
diesel::joinable!(studio_results -> media (media_id));
diesel::joinable!(studio_results -> studio_jobs (id));
diesel::joinable!(studio_results -> styles (style_id));
diesel::joinable!(style_examples -> styles (style_id));
diesel::joinable!(style_favorites -> styles (style_id));
diesel::joinable!(style_favorites -> users (user_id));
diesel::joinable!(style_ratings -> styles (style_id));
diesel::joinable!(style_ratings -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(
    project_files,
    user_identities,
    ai_integrations,
    budget_snapshots,
    data_sources,
    report_files,
    reports,
    account_tokens,
    addresses,
    ai_calls,
    audit_log,
    brands,
    cart_items,
    carts,
    catalog_imports,
    categories,
    client_invitations,
    client_members,
    clients,
    coupon_uses,
    coupons,
    contact_messages,
    emails,
    jobs,
    listing_counts,
    media,
    milestones,
    notifications,
    order_events,
    order_lines,
    orders,
    payments,
    periodic_jobs,
    product_categories,
    product_embeddings,
    product_images,
    product_variants,
    products,
    project_comments,
    project_members,
    projects,
    review_votes,
    reviews,
    search_words,
    sessions,
    shipping_methods,
    slug_redirects,
    stock_holds,
    studio_image_tags,
    studio_images,
    studio_jobs,
    studio_results,
    studio_usage,
    style_categories,
    style_examples,
    style_favorites,
    style_ratings,
    styles,
    tasks,
    tax_rates,
    users,
    waitlist_entries,
    waitlist_invite_runs,
    wishlist_items,
);
