"""Debian's simplesamlphp as a second eIDAS test IdP (docs/FEDERATION.md §8.1), beside the pysaml2
one of upstream_support.py: the session fixture `ssp_idp` and the browser-less sign-in through it.

The IdP (upstream/simplesamlphp/ssp_idp.py) is SimpleSAMLphp 1.19 served by PHP's built-in server
from a temporary copy of upstream/simplesamlphp/{config,metadata}: a static `exampleauth:UserPass`
source whose users carry the four eIDAS natural-person attributes (URIs, PersonIdentifier
`LU/BE/ssp-LOGIN`), a persistent NameID (the PersonIdentifier), AuthnContextClassRef LoA
substantial, the Response and the Assertion signed RSA-SHA256 (xmlseclibs has no ECDSA), the
Assertion encrypted to the SP's encryption certificate.

Unlike the pysaml2 IdP, SimpleSAMLphp does not fetch SP metadata: `register_sp(limen_base_url,
id)` reads Limen's (GET /upstream/ID/metadata: entity ID, ACS, encryption certificate) once Limen
runs and writes it as the IdP's `saml20-sp-remote` entry (a JSON file its PHP loads on every
request, so no restart). Limen signs its Redirect-binding requests with ECDSA-SHA256, which
xmlseclibs cannot check: the entry sets `validate.authnrequest` false (SimpleSAMLphp's default).

Started once per session, stopped by its PID; skipped with the reason when simplesamlphp (or
php-cli, php-xml) is not installed, a failure instead when CI is set (scripts/test installs them).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

import upstream_support as us

SSP_DIR = us.UPSTREAM_DIR / "simplesamlphp"
SSP_ROOT = Path("/usr/share/simplesamlphp")
PASSWORD = "eid-test-password"
MD = "urn:oasis:names:tc:SAML:2.0:metadata"
DS = "http://www.w3.org/2000/09/xmldsig#"
POST_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
PERSISTENT = "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"
URI_FORMAT = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri"

# The users of upstream/simplesamlphp/config/authsources.php: LOGIN-LABEL, LABEL the backend.
LOGINS = ("citizen", "refusal", "twin", "spare1", "spare2", "spare3")  # LABEL: sqlite, postgres, manual
PERSON = {"given_name": "Margarethe", "family_name": "Schmit", "date_of_birth": "1979-02-28"}


def person_identifier(login: str) -> str:
    return f"LU/BE/ssp-{login}"


@dataclass
class SspIdpPeer:
    process: us.PeerProcess
    directory: Path
    password: str = PASSWORD

    @property
    def base_url(self) -> str:
        return self.process.base_url

    @property
    def entity_id(self) -> str:
        return self.base_url + "/simplesaml/saml2/idp/metadata.php"

    @property
    def metadata_url(self) -> str:
        return self.entity_id

    @property
    def sso_url(self) -> str:
        return self.base_url + "/simplesaml/saml2/idp/SSOService.php"

    @property
    def cert_path(self) -> Path:
        """The IdP's signing certificate (what Limen pins)."""
        return self.directory / "cert" / "idp-signing.pem"

    @property
    def other_cert_path(self) -> Path:
        """Another RSA certificate, never used by the IdP: a wrong pin."""
        path = self.directory / "not-the-idp.pem"
        if not path.exists():
            from cryptography.hazmat.primitives.asymmetric import rsa

            us.write_key_pair(self.directory, "not-the-idp", rsa.generate_private_key(65537, 3072), "not the IdP")
        return path

    def toml(
        self,
        limen_base_url: str,
        upstream_id: str = "test-ssp",
        sp_country: str = "BE",
        wrong_pin: bool = False,
        **extra,
    ) -> str:
        """The `[[upstream]]` entry for this IdP (`allow_rsa_pkcs1`: it signs RSA-SHA256).
        `wrong_pin`: the entry pins another certificate. Call `register_sp` once Limen runs."""
        pin = self.other_cert_path if wrong_pin else self.cert_path
        lines = [
            "[[upstream]]",
            f"id = {us.toml_string(upstream_id)}",
            'kind = "saml_eidas"',
            f"name = {us.toml_string('simplesamlphp eID')}",
            f"idp_entity_id = {us.toml_string(self.entity_id)}",
            f"idp_sso_url = {us.toml_string(self.sso_url)}",
            f"idp_certificates = [{us.toml_string(str(pin))}]",
            f"sp_country = {us.toml_string(sp_country)}",
            "allow_rsa_pkcs1 = true",
        ]
        lines += [f"{key} = {us.toml_value(value)}" for key, value in extra.items()]
        return "\n".join(lines) + "\n"

    def register_sp(self, limen_base_url: str, upstream_id: str) -> dict:
        """Limen's SP metadata for `upstream_id` read and written as this IdP's
        saml20-sp-remote entry (SAML Metadata §2.4.4: the ACS with the HTTP-POST binding,
        the KeyDescriptor use="encryption" certificate). Returns the entry."""
        import lxml.etree

        url = f"{limen_base_url.rstrip('/')}/upstream/{upstream_id}/metadata"
        resp = requests.get(url, timeout=us.HTTP_TIMEOUT, allow_redirects=False)
        assert resp.status_code == 200, f"GET {url}: {resp.status_code}\n{resp.text[:2000]}"
        doc = lxml.etree.fromstring(resp.content)
        assert doc.tag == f"{{{MD}}}EntityDescriptor", doc.tag
        sp = doc.find(f"{{{MD}}}SPSSODescriptor")
        assert sp is not None, resp.text
        acs = [
            a.get("Location")
            for a in sp.findall(f"{{{MD}}}AssertionConsumerService")
            if a.get("Binding") == POST_BINDING
        ]
        assert len(acs) == 1, resp.text

        def certificates(use: str) -> list[str]:
            return [
                "".join((c.text or "").split())
                for k in sp.findall(f"{{{MD}}}KeyDescriptor")
                if k.get("use") == use
                for c in k.iter(f"{{{DS}}}X509Certificate")
            ]

        encryption = certificates("encryption")
        assert len(encryption) == 1, resp.text
        entry = {
            "entityid": doc.get("entityID"),
            "AssertionConsumerService": [{"Binding": POST_BINDING, "Location": acs[0]}],
            "keys": [
                {"type": "X509Certificate", "encryption": True, "signing": False, "X509Certificate": encryption[0]},
                *(
                    {"type": "X509Certificate", "encryption": False, "signing": True, "X509Certificate": c}
                    for c in certificates("signing")
                ),
            ],
            "NameIDFormat": PERSISTENT,
            "attributes.NameFormat": URI_FORMAT,
            # Limen signs the Redirect binding with ECDSA-SHA256; xmlseclibs 3.1 cannot verify it.
            "validate.authnrequest": False,
            "saml20.sign.response": True,
            "saml20.sign.assertion": True,
            "assertion.encryption": True,
        }
        name = re.sub(r"[^a-z0-9-]", "-", upstream_id.lower())
        target = self.directory / "metadata" / "sp-remote.d" / f"{name}.json"
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(entry, indent=2), encoding="utf-8")
        tmp.replace(target)
        return entry


def installed() -> str | None:
    """Why the IdP cannot run here, or None."""
    if not (SSP_ROOT / "www" / "_include.php").is_file():
        return "simplesamlphp is not installed (Debian's simplesamlphp; scripts/test installs it)"
    php = shutil.which("php")
    if php is None:
        return "php-cli is not installed (Debian's php-cli; scripts/test installs it)"
    probe = [php, "-r", 'exit(class_exists("DOMDocument") ? 0 : 1);']
    if subprocess.run(probe, check=False, capture_output=True, timeout=30).returncode != 0:
        return "php-xml is not installed (PHP's DOM, which simplesamlphp needs; scripts/test installs it)"
    return None


def start_ssp_idp(workdir: Path) -> SspIdpPeer:
    reason = installed()
    if reason is not None:
        us.missing(reason)
    directory = workdir / "simplesamlphp"
    args = [sys.executable, str(SSP_DIR / "ssp_idp.py"), "--port", "0", "--dir", str(directory)]
    args += ["--password", PASSWORD]
    process = us.PeerProcess("simplesamlphp", args, workdir, "/simplesaml/saml2/idp/metadata.php")
    process.start()
    return SspIdpPeer(process, directory)


@pytest.fixture(scope="session")
def ssp_idp(tmp_path_factory):
    """Debian's simplesamlphp as an eIDAS IdP (SspIdpPeer)."""
    yield from us._serve(start_ssp_idp, tmp_path_factory, "simplesamlphp")


def ssp_sign_in(
    session: requests.Session, start: requests.Response, login: str, password: str = PASSWORD
) -> tuple[str, dict[str, str]]:
    """SimpleSAMLphp's pages reached by `start` (its answer to the AuthnRequest: a redirect to
    its login form): the user name and password typed, the form submitted, redirects followed
    on the IdP. Returns the ACS URL and the fields its auto-submitting page would POST there
    (SAMLResponse, RelayState)."""
    base = f"{urlsplit(start.url).scheme}://{urlsplit(start.url).netloc}"
    page: requests.Response | str = start
    if start.status_code in (301, 302, 303, 307):
        page = us.follow(session, urljoin(start.url, start.headers["Location"]), base)
    assert isinstance(page, requests.Response) and page.status_code == 200, describe(page)
    login_form = us.only_form(page.url, page.text)
    assert {"username", "password"} <= set(login_form.fields), page.text[:2000]
    answer = us.submit(session, login_form, username=login, password=password)
    if answer.status_code in (301, 302, 303, 307):
        answer = us.follow(session, urljoin(answer.url, answer.headers["Location"]), base)
    assert isinstance(answer, requests.Response) and answer.status_code == 200, describe(answer)
    post = us.only_form(answer.url, answer.text)
    assert post.method == "POST" and "SAMLResponse" in post.fields, answer.text[:2000]
    return post.action, post.fields


def describe(page: requests.Response | str) -> str:
    if isinstance(page, str):
        return f"a redirect away from the IdP: {page}"
    return f"{page.request.method} {page.url} → {page.status_code}\n{page.text[:2000]}"
