//! Unit tests of `app::ui::charts::Scale`: the axis always fits the values with a round top.
use app::ui::charts::Scale;

#[test]
fn the_axis_top_is_round_and_above_every_value() {
    assert_eq!(Scale::fitting(0.0).max, 1.0);
    assert_eq!(Scale::fitting(f64::NAN).max, 1.0);
    assert_eq!(Scale::fitting(3.0).max, 5.0);
    assert_eq!(Scale::fitting(7.0).max, 10.0);
    assert_eq!(Scale::fitting(10.0).max, 10.0);
    assert_eq!(Scale::fitting(11.0).max, 20.0);
    assert_eq!(Scale::fitting(0.3).max, 0.5);
    assert_eq!(Scale::fitting(180.0).max, 200.0);
}

#[test]
fn higher_values_sit_higher_and_stay_inside_the_plot() {
    let scale = Scale::fitting(10.0);
    assert!(scale.y(10.0) < scale.y(5.0));
    assert!(scale.y(5.0) < scale.y(0.0));
    assert_eq!(scale.y(50.0), scale.y(10.0), "clamped to the top");
}
