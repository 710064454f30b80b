"""Helpers of the federation tests (test_federation.py, test_federation_browser.py): a real
`limen serve` whose `[[upstream]]` entries are the test upstreams of upstream_support.py (npm
oidc-provider, oidc-provider-mock, the pysaml2 eIDAS IdP), a simulated browser that follows
Limen's pages to the provider and back, the choice page and My account's "Manage my eIDs and
linked accounts" read as forms, CAS validation, and the mail Limen writes to its outbox
directory (`data/outbox` in the server's working directory, its default mail transport).

Pages and rules: docs/FEDERATION.md §2 (trust decisions), §4.3 (routes), §8.3-§8.4 (tests).
"""

from __future__ import annotations

import contextlib
import email
import email.policy
import itertools
import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import requests

import upstream_support as us
from limen_interop import HTTP_TIMEOUT, Browser, LimenServer, page_links, running_limen, ticket_from_location

OIDC = "test-oidc"  # npm oidc-provider
MOCK = "test-mock"  # oidc-provider-mock
EIDAS = "test-eidas"  # the pysaml2 eIDAS IdP
OIDC_NAME = "Test OpenID provider"
MOCK_NAME = "Test OpenID provider (mock)"
EIDAS_NAME = "Test eID (eIDAS)"

FAILED_TITLE = "Sign-in not completed"
CHOICE_TITLE = "Almost there"
CHECK_MAILBOX = "Check your mailbox"
LINKED_TITLE = "Account linked"
# The page of the address-confirmation link: the account becomes active when the upstream identity
# it was made with then signs in, in the same browser.
ACTIVATED_TITLE = "Confirm your account"
ACTIVATE_SUBJECT = "Confirm your e-mail address"
TRIED_SUBJECT = "Someone tried to create an account with your address"
MAIL_TIMEOUT = 15.0

# CAS attributes the federation tests' services release.
RELEASED = ["uid", "email", "firstName", "lastName", "strength", "authenticationLevel", "assuranceLevel"]


# --------------------------------------------------------------------------------------------
# A Limen with upstreams
# --------------------------------------------------------------------------------------------


def config_file(workdir: Path, entries: list[str]) -> Path:
    """The configuration file holding the `[[upstream]]` entries (passed with `--config`; not
    named limen.toml, so the CLI commands run in `workdir` do not read it)."""
    path = workdir / "federation.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


@contextlib.contextmanager
def federated_limen(backend: str, workdir: Path, entries: list[str], **options):
    """`limen --config FILE serve` on a fresh database, FILE holding `entries`."""
    path = config_file(workdir, entries)
    extra_args = ["--config", str(path), *options.pop("extra_args", [])]
    with running_limen(backend, workdir, extra_args=extra_args, **options) as server:
        yield server


# --------------------------------------------------------------------------------------------
# Pages read as forms (lxml): ids, classes and data- attributes kept
# --------------------------------------------------------------------------------------------


@dataclass
class PageForm:
    action: str  # absolute
    method: str  # "post", "get"
    attrs: dict[str, str]  # the <form>'s own attributes (id, class, ...)
    fields: dict[str, str]  # inputs as a browser would send them (no button)
    buttons: list[dict[str, str]] = field(default_factory=list)  # each button's attributes

    @property
    def id(self) -> str:
        return self.attrs.get("id", "")

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


def page_forms(resp: requests.Response) -> list[PageForm]:
    import lxml.html

    if not resp.text.strip():
        return []
    tree = lxml.html.fromstring(resp.text)
    found = []
    for form in tree.forms:
        fields: dict[str, str] = {}
        for el in form.iter("input", "select", "textarea"):
            name = el.get("name")
            if not name:
                continue
            kind = (el.get("type") or "text").lower() if el.tag == "input" else el.tag
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio") and el.get("checked") is None:
                continue
            fields[name] = el.get("value") or ("" if el.tag != "textarea" else (el.text or ""))
        buttons = [dict(b.attrib) for b in form.iter("button")]
        found.append(
            PageForm(
                action=urljoin(resp.url, form.get("action") or resp.url),
                method=(form.get("method") or "get").lower(),
                attrs=dict(form.attrib),
                fields=fields,
                buttons=buttons,
            )
        )
    return found


def form_with_id(resp: requests.Response, form_id: str) -> PageForm:
    found = [f for f in page_forms(resp) if f.id == form_id]
    assert len(found) == 1, f"expected one form#{form_id} at {resp.url} ({resp.status_code}):\n{resp.text[:3000]}"
    return found[0]


def login_form_fields(resp: requests.Response) -> set[str]:
    """The field names of the page's first POST form (the login form)."""
    forms = [f for f in page_forms(resp) if f.method == "post"]
    return set(forms[0].fields) if forms else set()


def forms_with_class(resp: requests.Response, cls: str) -> list[PageForm]:
    return [f for f in page_forms(resp) if cls in f.classes]


def upstream_buttons(resp: requests.Response, cls: str = "upstream-start") -> dict[str, PageForm]:
    """The upstream forms of a page (`form.upstream-start` on the login pages,
    `form.upstream-link-start` in My account), by their button's `data-upstream`."""
    out: dict[str, PageForm] = {}
    for form in forms_with_class(resp, cls):
        ids = [b.get("data-upstream") for b in form.buttons if b.get("data-upstream")]
        assert len(ids) == 1, f"a {cls} form without exactly one data-upstream button: {form}"
        assert ids[0] not in out, f"two {cls} forms for {ids[0]} at {resp.url}"
        out[ids[0]] = form
    return out


def element_text(resp: requests.Response, selector_id: str) -> str | None:
    """The text of the element with this id, spaces collapsed; None when absent."""
    import lxml.html

    found = lxml.html.fromstring(resp.text).xpath(f'//*[@id="{selector_id}"]')
    return " ".join(found[0].text_content().split()) if found else None


def element_text_by_class(resp: requests.Response, cls: str) -> str | None:
    """The text of the first element of this class, spaces collapsed; None when absent."""
    import lxml.html

    found = lxml.html.fromstring(resp.text).xpath(
        f'//*[contains(concat(" ", normalize-space(@class), " "), " {cls} ")]'
    )
    return " ".join(found[0].text_content().split()) if found else None


def title_of(resp: requests.Response) -> str:
    import lxml.html

    h1 = lxml.html.fromstring(resp.text).xpath("//h1") if resp.text.strip() else []
    return " ".join(h1[0].text_content().split()) if h1 else ""


def link_rows(resp: requests.Response) -> list[dict[str, str]]:
    """My account's `table#links tr.link[data-id]`: id, upstream, display."""
    import lxml.html

    rows = []
    for tr in lxml.html.fromstring(resp.text).xpath('//table[@id="links"]//tr[contains(@class, "link")]'):
        cell = lambda cls, tr=tr: " ".join("".join(tr.xpath(f'./td[contains(@class, "{cls}")]//text()')).split())
        rows.append({"id": tr.get("data-id", ""), "upstream": cell("link-upstream"), "display": cell("link-display")})
    return rows


def query(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query, keep_blank_values=True).items()}


def describe(resp: requests.Response) -> str:
    where = resp.headers.get("Location")
    return (
        f"{resp.request.method} {resp.url} → {resp.status_code}"
        + (f" → {where}" if where else "")
        + (f"\n{resp.text[:3000]}" if not where else "")
    )


# --------------------------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------------------------


class FedBrowser(Browser):
    """A simulated browser (one cookie jar, redirects followed by hand) visiting Limen and the
    upstreams: the provider's pages are driven with the same jar, as a browser would."""

    def absolute(self, url: str) -> str:
        return urljoin(self.server.base_url + "/", url)

    def open(self, url: str) -> requests.Response:
        """GET a Limen URL (absolute or a path), no redirect followed."""
        return self.session.get(self.absolute(url), allow_redirects=False, timeout=HTTP_TIMEOUT)

    def post_form(self, form: PageForm, **values: str) -> requests.Response:
        data = {**form.fields, **values}
        return self.session.post(form.action, data=data, allow_redirects=False, timeout=HTTP_TIMEOUT)

    def start(self, page: requests.Response, upstream: str, cls: str = "upstream-start") -> requests.Response:
        """Presses the upstream's button on `page`: Limen's answer (303 to the provider)."""
        buttons = upstream_buttons(page, cls)
        assert upstream in buttons, (
            f"no {cls} button for {upstream} at {page.url}: {sorted(buttons)}\n{page.text[:3000]}"
        )
        return self.post_form(buttons[upstream])

    def signed_in(self) -> bool:
        """Whether My account opens (an SSO session) rather than sending to the login page."""
        resp = self.open("/account")
        assert resp.status_code in (200, 303), describe(resp)
        return resp.status_code == 200

    # The OpenID providers ----------------------------------------------------------------
    def via_oidc_provider(
        self, to_provider: requests.Response, peer: us.OidcProviderPeer, login: str, upstream: str = OIDC
    ) -> tuple[str, requests.Response]:
        """oidc-provider's pages (login, consent), then Limen's callback: (callback URL, Limen's
        answer to it)."""
        authorize = provider_redirect(to_provider, peer.issuer)
        callback = us.oidc_provider_sign_in(self.session, authorize, login, peer.issuer)
        assert_callback(callback, self.server, upstream)
        return callback, self.session.get(callback, allow_redirects=False, timeout=HTTP_TIMEOUT)

    def via_mock(
        self, to_provider: requests.Response, peer: us.OidcMockPeer, sub: str, upstream: str = MOCK
    ) -> tuple[str, requests.Response]:
        """oidc-provider-mock's form (`sub` typed, "Authorize"), then Limen's callback."""
        authorize = provider_redirect(to_provider, peer.issuer)
        callback = us.mock_sign_in(self.session, authorize, sub)
        assert_callback(callback, self.server, upstream)
        return callback, self.session.get(callback, allow_redirects=False, timeout=HTTP_TIMEOUT)

    # Limen's pages after an unlinked identity -----------------------------------------------
    def create(self, choice: requests.Response, **values: str) -> requests.Response:
        """ "Create my account" on the choice page, with the proposed values unless given."""
        return self.post_form(form_with_id(choice, "upstream-create-form"), **values)

    def link_through_login(self, choice: requests.Response, email_address: str, password: str) -> requests.Response:
        """ "Sign in to link it": the login that proves the account (password only), then
        /upstream/link/finish. Returns the finish page."""
        to_login = self.post_form(form_with_id(choice, "upstream-link-form"))
        assert to_login.status_code == 303, describe(to_login)
        login = to_login.headers["Location"]
        assert login.startswith("/cas/login?next=%2Fupstream%2Flink%2Ffinish%3Fto%3D"), login
        assert query(login).get("renew") == "1", login
        page = self.open(login)
        assert page.status_code == 200, describe(page)
        page2 = self.submit_email(page, email_address)
        assert page2.status_code == 200, describe(page2)
        done = self.submit_password(page2, password)
        assert done.status_code == 303, describe(done)
        finish = done.headers["Location"]
        assert urlsplit(finish).path == "/upstream/link/finish", finish
        return self.open(finish)


def provider_redirect(to_provider: requests.Response, issuer: str) -> str:
    assert to_provider.status_code == 303, describe(to_provider)
    url = to_provider.headers["Location"]
    assert url.startswith(issuer + "/"), f"not a redirect to {issuer}: {url}"
    return url


def assert_callback(callback: str, server: LimenServer, upstream: str) -> None:
    expected = f"{server.base_url}/upstream/{upstream}/callback?"
    assert callback.startswith(expected), f"the provider did not send the browser to {expected}: {callback}"


def assert_failed(resp: requests.Response, status: int = 400, says: str | None = None) -> None:
    """Limen's "Sign-in not completed" page, with one way back: where the attempt started (the
    login page, or My account for a link), on Limen, never anywhere else (docs/FEDERATION.md
    §4.3)."""
    assert resp.status_code == status, describe(resp)
    assert title_of(resp) == FAILED_TITLE, describe(resp)
    back = [href for href, label in page_links(resp.text) if label == "Back to the sign-in page"]
    assert len(back) == 1 and (back[0] == "/cas/login" or back[0].startswith(("/cas/login?", "/account"))), (
        back,
        resp.text[:3000],
    )
    if says is not None:
        assert says in " ".join(resp.text.split()), f"{says!r} not on the page:\n{resp.text[:3000]}"


def assert_choice(resp: requests.Response) -> tuple[PageForm, PageForm]:
    """The choice page ("Almost there"): its link and create forms."""
    assert resp.status_code == 200, describe(resp)
    assert title_of(resp) == CHOICE_TITLE, describe(resp)
    link = form_with_id(resp, "upstream-link-form")
    create = form_with_id(resp, "upstream-create-form")
    assert link.action.endswith("/upstream/link") and create.action.endswith("/upstream/create")
    for form in (link, create):
        assert form.method == "post" and form.fields.get("csrf_token"), form
        assert form.fields.get("tx") and form.fields.get("target", "").startswith("/"), form
    assert link.fields["tx"] == create.fields["tx"] and link.fields["target"] == create.fields["target"]
    return link, create


# --------------------------------------------------------------------------------------------
# eIDAS
# --------------------------------------------------------------------------------------------

# What `limen serve` says about an `[[upstream]]` table of kind saml_eidas while only OpenID
# Connect upstreams are wired: one of the SAML keys (or the kind itself) is unknown to it.
_SAML_UNKNOWN = re.compile(
    r"unknown (?:field|variant) `(?:saml_eidas|idp_[a-z_]+|sp_[a-z_]+|allow_rsa_pkcs1|minimum_loa|"
    r"signing_key|request_binding|accepted_countries)`"
)


def metadata_status(server: LimenServer, upstream: str = EIDAS) -> requests.Response:
    return requests.get(server.url(f"/upstream/{upstream}/metadata"), timeout=HTTP_TIMEOUT, allow_redirects=False)


def eidas_to_idp(b: FedBrowser, to_idp: requests.Response, idp: us.EidasIdpPeer) -> requests.Response:
    """Limen's answer to the eID button, delivered to the IdP as a browser would: the
    HTTP-Redirect binding (303 to the SSO URL with SAMLRequest, SigAlg, Signature), or the
    HTTP-POST one (a page whose one form posts to it). Returns the IdP's answer."""
    if to_idp.status_code == 303:
        url = to_idp.headers["Location"]
        assert url.startswith(idp.sso_url + "?"), f"not a redirect to the IdP's SSO URL: {url}"
        params = query(url)
        assert {"SAMLRequest", "RelayState", "SigAlg", "Signature"} <= set(params), params
        return b.session.get(url, allow_redirects=False, timeout=HTTP_TIMEOUT)
    assert to_idp.status_code == 200, describe(to_idp)
    posting = [f for f in page_forms(to_idp) if f.action == idp.sso_url]
    assert len(posting) == 1 and "SAMLRequest" in posting[0].fields, describe(to_idp)
    return b.session.post(idp.sso_url, data=posting[0].fields, allow_redirects=False, timeout=HTTP_TIMEOUT)


def authn_request(to_idp: requests.Response):
    """The AuthnRequest of Limen's HTTP-Redirect answer (SAML Bindings §3.4.4.1: DEFLATE, then
    base64), parsed."""
    import base64
    import zlib

    import lxml.etree

    xml = zlib.decompress(base64.b64decode(query(to_idp.headers["Location"])["SAMLRequest"]), -15)
    return lxml.etree.fromstring(xml)


def at_acs(b: FedBrowser, acs: str, fields: dict[str, str], upstream: str = EIDAS) -> requests.Response:
    """The IdP's answer POSTed to Limen's ACS; when the ACS answers 303 to the login's
    continuation (a GET on Limen, `/upstream/ID/callback?state=…` — docs/FEDERATION.md §4.3
    names it `/continue`: either is taken), that GET, in the same browser. Limen's last answer."""
    assert acs == f"{b.server.base_url}/upstream/{upstream}/acs", f"the IdP posts to {acs}"
    answer = b.session.post(acs, data=fields, allow_redirects=False, timeout=HTTP_TIMEOUT)
    if answer.status_code != 303:
        return answer
    onward = urljoin(acs, answer.headers["Location"])
    parts = urlsplit(onward)
    assert f"{parts.scheme}://{parts.netloc}" == b.server.base_url, f"the ACS sent the browser away: {onward}"
    assert parts.path in (f"/upstream/{upstream}/callback", f"/upstream/{upstream}/continue"), onward
    assert query(onward).get("state"), onward
    return b.session.get(onward, allow_redirects=False, timeout=HTTP_TIMEOUT)


@contextlib.contextmanager
def eidas_limen(backend: str, tmp_path_factory, idp: us.EidasIdpPeer, entries: list[str] | None = None, **options):
    """`limen serve` with the Test eID as its eIDAS upstream `test-eidas` (and `entries`).
    Skips (pytest.skip) only while Limen answers 404 at /upstream/test-eidas/metadata, the SAML
    side not wired yet; any other trouble fails."""
    import pytest

    workdir = tmp_path_factory.mktemp(f"federation-eidas-{backend}")
    all_entries = [idp.toml("http://127.0.0.1", EIDAS), *(entries or [])]
    try:
        with federated_limen(backend, workdir, all_entries, **options) as server:
            metadata = metadata_status(server)
            if metadata.status_code == 404:
                pytest.skip(f"GET /upstream/{EIDAS}/metadata answers 404: eIDAS upstreams are not wired yet")
            assert metadata.status_code == 200, describe(metadata)
            yield server
    except RuntimeError as exc:
        # `limen serve` refused the entry. Only when it does not know the saml_eidas keys at all
        # is that "not wired yet": a Limen without the entry must then answer 404 there too.
        unknown = _SAML_UNKNOWN.search(str(exc))
        if unknown is None:
            raise
        bare_dir = tmp_path_factory.mktemp(f"federation-eidas-bare-{backend}")
        with federated_limen(backend, bare_dir, entries or [], **options) as bare:
            status = metadata_status(bare).status_code
        if status != 404:
            raise
        pytest.skip(
            f"GET /upstream/{EIDAS}/metadata answers 404 and `limen serve` refuses the saml_eidas entry "
            f"({unknown.group(0)}): eIDAS upstreams are not wired yet"
        )


def demo_attributes(b: FedBrowser) -> dict[str, str]:
    """/demo/ for a signed-in browser: Limen's login (SSO), the demo's ticket, its table."""
    url = "/demo/"
    for _ in range(6):
        resp = b.open(url)
        if resp.status_code in (302, 303):
            url = resp.headers["Location"]
            assert url.startswith(("/", b.server.base_url)), f"the demo left Limen: {url}"
            continue
        break
    assert resp.status_code == 200 and element_text(resp, "demo-attributes"), describe(resp)
    import lxml.html

    rows = lxml.html.fromstring(resp.text).xpath('//table[@id="demo-attributes"]/tbody/tr')
    return {r.xpath("string(td[1])").strip(): r.xpath("string(td[2])").strip() for r in rows}


# --------------------------------------------------------------------------------------------
# CAS validation
# --------------------------------------------------------------------------------------------


@dataclass
class Validation:
    user: str
    attributes: dict[str, list[str]]
    xml: str

    def one(self, name: str) -> str | None:
        values = self.attributes.get(name, [])
        assert len(values) <= 1, f"{name} has several values: {values}\n{self.xml}"
        return values[0] if values else None


def validate(server: LimenServer, service: str, ticket: str, path: str = "/cas/p3/serviceValidate") -> Validation:
    """A ticket validated; the user and every attribute (any namespace) by local name."""
    resp = requests.get(server.url(path), params={"service": service, "ticket": ticket}, timeout=HTTP_TIMEOUT)
    assert resp.status_code == 200, f"{path}: {resp.status_code}\n{resp.text[:2000]}"
    root = ET.fromstring(resp.text)
    local = lambda el: el.tag.rsplit("}", 1)[-1]
    success = next((el for el in root.iter() if local(el) == "authenticationSuccess"), None)
    assert success is not None, f"ticket {ticket} for {service} not validated at {path}:\n{resp.text[:2000]}"
    user = next(((el.text or "").strip() for el in success if local(el) == "user"), "")
    # Every leaf below the success by its local name: CAS 3.0 puts the attributes in
    # cas:attributes, EU Login's format beside cas:user (and strengths in cas:strengths).
    attributes: dict[str, list[str]] = {}
    for el in success.iter():
        if el is not success and len(el) == 0 and local(el) != "user":
            attributes.setdefault(local(el), []).append((el.text or "").strip())
    return Validation(user, attributes, resp.text)


def ticket_of(resp: requests.Response, service: str) -> str:
    assert resp.status_code == 303, f"expected the service's ticket: {describe(resp)}"
    return ticket_from_location(resp.headers["Location"], service)


def login_path(service: str, **params: str) -> str:
    extra = "".join(f"&{k}={quote(v, safe='')}" for k, v in params.items())
    return f"/cas/login?service={quote(service, safe='')}{extra}"


# --------------------------------------------------------------------------------------------
# Mail (the outbox directory)
# --------------------------------------------------------------------------------------------


class Outbox:
    def __init__(self, server: LimenServer):
        self.dir = server.workdir / "data" / "outbox"

    def mails_to(self, address: str) -> list[EmailMessage]:
        found = []
        for path in sorted(self.dir.glob("*.eml")) if self.dir.is_dir() else []:
            msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address.lower() in str(msg.get("To", "")).lower():
                found.append(msg)
        return found

    def subjects_to(self, address: str) -> list[str]:
        return [str(m.get("Subject", "")) for m in self.mails_to(address)]

    def wait_for(self, address: str, subject: str) -> EmailMessage:
        """The mail `subject` to `address`, polled for at most MAIL_TIMEOUT seconds."""
        deadline = time.monotonic() + MAIL_TIMEOUT
        while True:
            for msg in self.mails_to(address):
                if str(msg.get("Subject", "")) == subject:
                    return msg
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"no mail {subject!r} to {address} after {MAIL_TIMEOUT:.0f} s; its mail: {self.subjects_to(address)}"
                )
            time.sleep(0.1)


def mail_text(msg: EmailMessage) -> str:
    part = msg.get_body(preferencelist=("plain",))
    assert part is not None, f"no text part in {msg}"
    return part.get_content()


def links_in(msg: EmailMessage) -> list[str]:
    return re.findall(r"https?://\S+", mail_text(msg))


# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_n = itertools.count(1)


def letters(n: int) -> str:
    """0 → "a", 25 → "z", 26 → "ba": names carry no digits (a person's name may not)."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = chr(ord("a") + r) + out
        if n == 0:
            return out


def unique(tag: str, label: str) -> str:
    """A name no other test of this run uses (logins at the providers, addresses), in letters
    and hyphens only: oidc-provider makes the family name from it."""
    return f"{tag}-{label}-{letters(next(_n))}"
