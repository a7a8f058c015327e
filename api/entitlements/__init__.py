"""Entitlements: what a trust promises its mentors and trainees, approved by its headteachers'
board and adopted by its schools, and whether each person got it, week by week."""
