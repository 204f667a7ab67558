"""An S3 API server (moto's, in a thread on a free port) for the tests of object storage."""

import socket

import boto3
import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def s3_server():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def s3_bucket(s3_server, request):
    name = f"gongkai-{request.node.name.lower().replace('_', '-')[:40]}"
    client = boto3.client("s3", endpoint_url=s3_server, aws_access_key_id="test", aws_secret_access_key="test",
                          region_name="us-east-1")
    client.create_bucket(Bucket=name)
    return {"GONGKAI_S3_BUCKET": name, "GONGKAI_S3_ENDPOINT_URL": s3_server, "GONGKAI_S3_REGION": "us-east-1",
            "GONGKAI_S3_ACCESS_KEY": "test", "GONGKAI_S3_SECRET_KEY": "test"}
