//! Unit tests of `app::studio::results_api::back_to`: a result's forms go back only to a
//! studio page, never to another site.
use app::studio::results_api::back_to;

#[test]
fn only_studio_paths_are_gone_back_to() {
    assert_eq!(back_to("/studio/gallery?page=2"), "/studio/gallery?page=2");
    assert_eq!(back_to("/studio/jobs/x"), "/studio/jobs/x");
    for bad in [
        "https://evil.example/",
        "//evil.example",
        "/admin",
        "/studio/\\evil",
        "/studio/x?next=https://evil.example",
    ] {
        assert_eq!(back_to(bad), "/studio/gallery", "{bad}");
    }
}
