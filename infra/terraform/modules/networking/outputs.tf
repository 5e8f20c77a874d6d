output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "IDs of the public subnets (ALB, NAT gateways), one per AZ."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "IDs of the private subnets (ECS tasks, RDS), one per AZ."
  value       = aws_subnet.private[*].id
}

output "nat_public_ips" {
  description = "Public IPs of the NAT gateways (the source address of outbound task traffic)."
  value       = aws_eip.nat[*].public_ip
}

output "vpc_endpoint_ids" {
  description = "IDs of the VPC endpoints by service (empty when enable_vpc_endpoints is false)."
  value       = merge({ for k, e in aws_vpc_endpoint.interface : k => e.id }, { for e in aws_vpc_endpoint.s3 : "s3" => e.id })
}
