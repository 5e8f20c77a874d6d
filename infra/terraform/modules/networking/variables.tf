variable "name" {
  description = "Name prefix of every resource, e.g. tcm-development."
  type        = string
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC; public and private subnets are carved out of it (/20 each)."
  type        = string

  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0)) && tonumber(split("/", var.vpc_cidr)[1]) <= 16
    error_message = "vpc_cidr must be a valid IPv4 CIDR block of size /16 or larger."
  }
}

variable "availability_zones" {
  description = "Availability zones to spread the subnets over (at least 2)."
  type        = list(string)

  validation {
    condition     = length(var.availability_zones) >= 2 && length(var.availability_zones) <= 4
    error_message = "Give between 2 and 4 availability zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway shared by every AZ (cheap, development) instead of one per AZ (production)."
  type        = bool
}

variable "enable_vpc_endpoints" {
  description = "Create VPC endpoints (ECR, CloudWatch Logs, SSM, X-Ray, S3) so tasks send little traffic through NAT."
  type        = bool
}

variable "flow_log_retention_days" {
  description = "Retention of the VPC flow log group, in days."
  type        = number
}

variable "kms_key_arn" {
  description = "KMS key that encrypts the flow log group."
  type        = string
}

variable "tags" {
  description = "Tags added to every resource of this module."
  type        = map(string)
  default     = {}
}
