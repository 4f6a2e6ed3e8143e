"""Sign-in with the town's directory: LDAP bind and OpenID Connect, roles from directory
groups through the mapping kept in the admin, and leavers handed over (issue 16)."""
