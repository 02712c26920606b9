"""PasswordHasher: cost, byte limits and equal work for unknown emails."""

import time

from app.core.security.passwords import PasswordHasher


def median_seconds(action: object, runs: int = 5) -> float:
    durations = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        durations.append(time.perf_counter() - started)
    return sorted(durations)[runs // 2]


def test_dummy_hash_uses_configured_cost() -> None:
    hasher = PasswordHasher(rounds=5)

    assert hasher.dummy_hash.startswith("$2b$05$")
    assert hasher.hash("contraseña").startswith("$2b$05$")


def test_verify_accepts_only_right_password() -> None:
    hasher = PasswordHasher(rounds=4)
    stored = hasher.hash("contraseña-ñ")

    assert hasher.verify("contraseña-ñ", stored) is True
    assert hasher.verify("contrasena-n", stored) is False
    assert hasher.verify("contraseña-ñ", None) is False
    assert hasher.verify("x" * 100, stored) is False
    assert hasher.verify("anything", "not-a-bcrypt-hash") is False


def test_unknown_email_costs_real_work() -> None:
    # Cost 10 makes one check take milliseconds, so a skipped bcrypt call
    # (microseconds) would show as a ratio near zero.
    hasher = PasswordHasher(rounds=10)
    stored = hasher.hash("la-buena-1")

    known = median_seconds(lambda: hasher.verify("la-mala-22", stored))
    unknown = median_seconds(lambda: hasher.verify("la-mala-22", None))
    too_long = median_seconds(lambda: hasher.verify("y" * 100, stored))

    assert unknown / known > 0.5
    assert too_long / known > 0.5
