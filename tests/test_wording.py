from datetime import date, datetime

from api.core.wording import human_date, human_range, human_time


def test_dates_read_as_the_web_app_shows_them():
    assert human_date(date(2026, 9, 2)) == "2 Sept 2026"
    assert human_date(date(2027, 6, 30)) == "30 Jun 2027"
    assert human_time(datetime(2026, 9, 2, 15, 30)) == "Wednesday 2 Sept 2026 at 15:30"
    assert human_range(date(2026, 9, 1), None) == "from 1 Sept 2026, with no end date"
    assert human_range(date(2026, 9, 1), date(2027, 7, 18)) == "1 Sept 2026 to 18 Jul 2027"
