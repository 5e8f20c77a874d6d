variable "aws_region" {
  description = "AWS region of the environment."
  type        = string
  default     = "ap-northeast-1"
}

variable "availability_zones" {
  description = "Availability zones of the subnets (at least 2)."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c"]
}

variable "vpc_cidr" {
  description = "IPv4 CIDR block of the VPC."
  type        = string
  default     = "10.10.0.0/16"
}

variable "hosted_zone_name" {
  description = "Existing public Route53 hosted zone holding the environment's records, e.g. example.com."
  type        = string
}

variable "site_domain_name" {
  description = "Domain of the site inside hosted_zone_name, e.g. tcm-dev.example.com; origin.<it> and grpc.<it> are created too."
  type        = string
}

variable "rest_image_tag" {
  description = "Release (image tag) of the REST service to run."
  type        = string
}

variable "graphql_image_tag" {
  description = "Release (image tag) of the GraphQL service to run."
  type        = string
}

variable "grpc_image_tag" {
  description = "Release (image tag) of the gRPC service to run."
  type        = string
}

variable "create_ecr_repositories" {
  description = "Create the ECR repositories tcm/<svc> here (false when another environment in the same account owns them)."
  type        = bool
  default     = true
}

variable "db_password_generation" {
  description = "Generation of the database master password; increase it to rotate the password."
  type        = number
  default     = 1
}

variable "origin_verify_secret_generation" {
  description = "Generation of the CloudFront-to-ALB secret header value; increase it to rotate it."
  type        = number
  default     = 1
}

variable "grpc_allowed_cidrs" {
  description = "IPv4 CIDRs allowed to call the gRPC endpoint on port 50051 (empty: closed)."
  type        = list(string)
  default     = []
}

variable "alarm_emails" {
  description = "E-mail addresses notified by the alarms."
  type        = list(string)
  default     = []
}

variable "time_zone" {
  description = "The organisation's IANA time zone (TCM_TIME_ZONE, e.g. Asia/Tokyo): it defines \"today\" for every date rule."
  type        = string
  default     = "UTC"
}
