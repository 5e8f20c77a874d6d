# Fixture of check.sh's self-test of CKV_TCM_1 (not a deployable configuration): every resource
# named open_* must fail the check, every resource named ok_* must pass.

resource "aws_security_group" "open_inline_postgres" {
  name        = "open-inline-postgres"
  description = "fixture"
  vpc_id      = "vpc-00000000"

  ingress {
    description = "fixture"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "open_rule_grpc_ipv6" {
  type              = "ingress"
  security_group_id = "sg-00000000"
  description       = "fixture"
  from_port         = 50051
  to_port           = 50051
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
}

resource "aws_vpc_security_group_ingress_rule" "open_vpc_rule_postgres" {
  security_group_id = "sg-00000000"
  description       = "fixture"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "open_vpc_rule_all_traffic" {
  security_group_id = "sg-00000000"
  description       = "fixture"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ok_vpc_rule_https" {
  security_group_id = "sg-00000000"
  description       = "fixture"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "ok_vpc_rule_postgres_private" {
  security_group_id = "sg-00000000"
  description       = "fixture"
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
  cidr_ipv4         = "10.0.0.0/16"
}

resource "aws_security_group_rule" "ok_rule_egress_anywhere" {
  type              = "egress"
  security_group_id = "sg-00000000"
  description       = "fixture"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}
