// CAS 3.0 §2.2.1 method=POST: hand the ticket to the service in a POST, without a click.
document.getElementById("cas-post").submit();
