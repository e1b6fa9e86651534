"""ops/stack.py: the parts of the scaled set-up that need no server."""
from ops.stack import service_port


def test_service_ports_are_below_the_ephemeral_range_and_never_handed_out_twice():
    """A stack asks for eight ports before binding any: two parts on one port
    made a replica's start fail with "port ... is in use"."""
    ports = [service_port() for _ in range(200)]
    assert len(set(ports)) == len(ports)
    assert all(20000 <= port < 32000 for port in ports)
