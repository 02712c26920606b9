"""`omega keys new` prints matching settings and a private JWK."""

import json

import jwt
import pytest

from app.cli.main import main
from app.core.security.keys import load_es256_private_key


def test_keys_new_prints_usable_key(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["keys", "new", "--kid", "omega-prod-1"])

    output = capsys.readouterr().out
    settings_part, jwk_part = output.split("# Private JWK", 1)
    pem = settings_part.split('JWT_PRIVATE_KEY="', 1)[1].rsplit('"', 1)[0]
    jwk = json.loads(jwk_part.split("\n", 1)[1])
    token = jwt.encode({"sub": "x"}, load_es256_private_key(pem), algorithm="ES256")

    assert status == 0
    assert "JWT_KEY_ID=omega-prod-1" in settings_part
    assert jwk["kid"] == "omega-prod-1"
    assert jwk["crv"] == "P-256"
    assert "d" in jwk
    assert jwt.decode(token, jwt.PyJWK(jwk).key.public_key(), algorithms=["ES256"])["sub"] == "x"
